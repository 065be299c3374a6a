// ES modules: loading (one record per realm and canonical path), linking (export resolution,
// namespaces, module environments), evaluation (top-level code as an async function), dynamic
// import() and import.meta.
// spec: https://tc39.es/ecma262/#sec-cyclic-module-records
//
// How bindings are shared: every top-level binding of a module lives in its module
// environment (an Environment created at link time, lexical slots empty = TDZ). A module's
// namespace object has one accessor per exported name whose getter resolves the export and
// reads the exporting module's environment slot (an atomic load), so imports are live. An
// importing module keeps each requested module's namespace in a hidden binding of its own
// environment, filled at link time, and compiles a read of an imported name `x` as
// `namespace.x` (an assignment throws, as for a const).
#pragma once

#include "vm/throw_or.h"
#include "vm/value.h"

#include <string>

namespace weft {

class Vm;

// Loads `path` and everything it imports, links the graph and evaluates it. Returns the
// evaluation promise of the root module. A parse, resolution or link error happens before any
// code runs: it is thrown with *early_error set to the report (file:line:column: Name: message).
ThrowOr<Value> run_module_file(Vm&, std::string const& path, std::string* early_error);

// import(specifier, options) from code whose file is `referrer` (a string): a promise of the
// module namespace, settled by a job.
ThrowOr<Value> dynamic_import(Vm&, Value referrer, Value specifier, Value options);

// import.meta of the module whose file is `referrer`.
ThrowOr<Value> import_meta(Vm&, Value referrer);

} // namespace weft
