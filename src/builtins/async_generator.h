// Async generators: the request queue and the steps the interpreter takes at a yield and when the
// body finishes; %AsyncGeneratorPrototype%, %AsyncIteratorPrototype% and
// %AsyncFromSyncIteratorPrototype%.
// spec: https://tc39.es/ecma262/#sec-asyncgenerator-objects
#pragma once

#include "objects/object.h"
#include "vm/throw_or.h"

namespace weft {

class Vm;
class Coroutine;

// AsyncGeneratorYield after the value was awaited: completes the first request with
// { value, done: false }. If more requests are queued the body goes on at once with the first
// of them (returns true, *kind / *value say which: 0 next, 1 throw, 2 return); otherwise
// (false) the caller saves the frame and calls async_generator_suspend.
// spec: https://tc39.es/ecma262/#sec-asyncgeneratoryield
ThrowOr<bool> async_generator_yield(Vm&, Coroutine*, Value value, Value* resume_value, u32* resume_kind);
// With the frame saved: the generator becomes suspended-yield (false: the caller suspends), or,
// if another thread enqueued a request meanwhile and this thread took the generator back, the
// body goes on with that request (true, as above; the caller marks the coroutine executing).
bool async_generator_suspend(Coroutine*, Value* resume_value, u32* resume_kind);
// The end of AsyncGeneratorStart's body closure: the body returned `value` or threw it.
// spec: https://tc39.es/ecma262/#sec-asyncgeneratorstart
void async_generator_body_completed(Vm&, Coroutine*, Value value, bool is_throw);
// CreateAsyncFromSyncIterator: the async iterator record (iterator, next) written to out[0..1].
// spec: https://tc39.es/ecma262/#sec-createasyncfromsynciterator
ThrowOr<void> create_async_from_sync_iterator(Vm&, Value sync_iterator, Value sync_next, Value* out);

ThrowOr<void> install_async_generator(Vm&);

} // namespace weft
