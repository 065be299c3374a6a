// The bytecode: opcodes (an X-macro list), operand formats and instruction decoding.
//
// Format: register machine with an accumulator (as V8's Ignition). Most instructions read one
// operand from a register and the other from the accumulator, and leave the result in the
// accumulator, so operands are few and instructions short.
//
// Encoding: a 1-byte opcode, then its operands in the order of its format string:
//   R  register index            scaled (1 byte; 2 after Wide; 4 after ExtraWide)
//   K  constant-pool index        scaled
//   I  unsigned immediate/count   scaled (IC indices, slot numbers, argument counts)
//   S  signed immediate           scaled
//   L  jump target                always 4 bytes: an absolute bytecode offset
// The prefixes Wide and ExtraWide scale every R/K/I/S operand of the next instruction to 2 or
// 4 bytes; L operands come after the scaled ones. Operands are little-endian.
//
// Invariants:
//  - Bytecode is immutable once its CodeBlock is published (interpreter/code.h).
//  - Every instruction that can throw has a source-position entry (the compiler records one
//    per expression node that emits code).
#pragma once

#include "base/types.h"

#include <cstring>

namespace weft {

// X(name, format)
#define WEFT_ENUMERATE_OPCODES(X)                                                       \
    X(Wide, "")                                                                         \
    X(ExtraWide, "")                                                                    \
    X(Nop, "")                                                                          \
    /* Accumulator and registers */                                                     \
    X(LdaUndefined, "")                                                                 \
    X(LdaNull, "")                                                                      \
    X(LdaTrue, "")                                                                      \
    X(LdaFalse, "")                                                                     \
    X(LdaEmpty, "")                                                                     \
    X(LdaSmi, "S")                                                                      \
    X(LdaConst, "K")                                                                    \
    X(Ldar, "R")                                                                        \
    X(Star, "R")                                                                        \
    X(Mov, "RR")                  /* src, dst */                                        \
    /* Environments (captured variables) */                                             \
    X(LdaEnv, "II")               /* hops, slot */                                      \
    X(LdaEnvChecked, "IIK")       /* hops, slot, name: ReferenceError in the TDZ */     \
    X(StaEnv, "II")                                                                     \
    X(StaEnvChecked, "IIK")       /* assignment to a let: TDZ check first */            \
    X(PushEnv, "I")               /* slot count */                                      \
    X(PopEnv, "")                                                                       \
    X(CopyEnv, "")                /* per-iteration copy of the current environment */   \
    X(SaveEnv, "R")                                                                     \
    X(RestoreEnv, "R")                                                                  \
    X(ThrowIfEmpty, "K")          /* TDZ check of a register-allocated binding */       \
    X(ThrowConstAssign, "K")                                                            \
    /* Globals */                                                                       \
    X(LdaGlobal, "KI")            /* name, ic */                                        \
    X(LdaGlobalOrUndefined, "KI") /* typeof x */                                        \
    X(StaGlobal, "KI")                                                                  \
    X(DeclareGlobalVar, "K")                                                            \
    X(DeclareGlobalFunction, "K") /* acc = the function */                              \
    X(DeclareGlobalLexical, "KI") /* name, 1 = const */                                 \
    X(InitGlobalLexical, "K")                                                           \
    /* Properties */                                                                    \
    X(GetNamed, "RKI")            /* object, name, ic */                                \
    X(SetNamed, "RKI")            /* object, name, ic; value in acc */                  \
    X(GetKeyed, "R")              /* object; key in acc */                              \
    X(SetKeyed, "RR")             /* object, key; value in acc */                       \
    X(DefineNamed, "RK")          /* CreateDataPropertyOrThrow(object, name, acc) */    \
    X(DefineKeyed, "RR")                                                                \
    X(DefineGetter, "RRI")        /* object, key, 1 = non-enumerable; getter in acc */  \
    X(DefineSetter, "RRI")                                                              \
    X(DefineMethodKeyed, "RR")    /* non-enumerable (class methods) */                  \
    X(DeleteKeyed, "R")           /* object; key in acc */                              \
    X(GetSuper, "RR")             /* home object, this; key in acc */                   \
    X(SetSuper, "RRR")            /* home object, this, key; value in acc */            \
    X(GetPrivate, "R")            /* object; private name in acc */                     \
    X(SetPrivate, "RR")           /* object, private name; value in acc */              \
    X(DefinePrivate, "RR")        /* object, private name; value in acc */              \
    X(HasPrivate, "R")            /* private name in register; object in acc */         \
    X(In, "R")                    /* key in register, object in acc */                  \
    X(InstanceOf, "R")            /* value in register, constructor in acc */           \
    /* Operators: left operand in a register, right in acc */                           \
    X(Add, "R")                                                                         \
    X(Sub, "R")                                                                         \
    X(Mul, "R")                                                                         \
    X(Div, "R")                                                                         \
    X(Mod, "R")                                                                         \
    X(Exp, "R")                                                                         \
    X(BitAnd, "R")                                                                      \
    X(BitOr, "R")                                                                       \
    X(BitXor, "R")                                                                      \
    X(Shl, "R")                                                                         \
    X(Shr, "R")                                                                         \
    X(Ushr, "R")                                                                        \
    X(Eq, "R")                                                                          \
    X(Ne, "R")                                                                          \
    X(StrictEq, "R")                                                                    \
    X(StrictNe, "R")                                                                    \
    X(Lt, "R")                                                                          \
    X(Le, "R")                                                                          \
    X(Gt, "R")                                                                          \
    X(Ge, "R")                                                                          \
    X(Inc, "")                                                                          \
    X(Dec, "")                                                                          \
    X(Negate, "")                                                                       \
    X(BitNot, "")                                                                       \
    X(Not, "")                                                                          \
    X(Typeof, "")                                                                       \
    X(ToNumeric, "")                                                                    \
    X(ToString, "")                                                                     \
    X(ToPropertyKey, "")                                                                \
    /* Jumps */                                                                         \
    X(Jump, "L")                                                                        \
    X(JumpLoop, "L")              /* a back-edge: polls the safepoint */                \
    X(JumpIfTrue, "L")            /* ToBoolean(acc) */                                  \
    X(JumpIfFalse, "L")                                                                 \
    X(JumpIfNullish, "L")                                                               \
    X(JumpIfNotNullish, "L")                                                            \
    X(JumpIfUndefined, "L")                                                             \
    X(JumpIfNotUndefined, "L")                                                          \
    X(JumpIfNotEmpty, "L")                                                              \
    /* Calls */                                                                         \
    X(Call, "RRRI")               /* callee, this, first argument, count */             \
    X(CallSpread, "RRR")          /* callee, this, arguments array */                   \
    X(New, "RRI")                 /* constructor, first argument, count */              \
    X(NewSpread, "RR")            /* constructor, arguments array */                    \
    X(SuperCall, "RRI")           /* r = active function, r+1 = new.target; args, count */ \
    X(SuperCallSpread, "RR")      /* r = active function, r+1 = new.target; args array */ \
    X(CallRuntime, "IRI")         /* runtime function, first argument, count */         \
    X(Return, "")                                                                       \
    X(CheckDerivedReturn, "R")    /* the this binding; acc = return value */           \
    X(Throw, "")                                                                        \
    X(ThrowIfThisEmpty, "")       /* derived constructors before super() */             \
    X(ThrowIfSuperCalled, "")     /* acc = this binding, must still be empty */         \
    X(ThrowTypeError, "K")        /* message */                                         \
    /* Creation */                                                                      \
    X(CreateClosure, "K")         /* SharedFunctionInfo */                              \
    X(SetHomeObject, "R")         /* acc = method, register = home object */            \
    X(CreateClass, "KRRI")        /* constructor SFI, superclass, out prototype, has superclass */ \
    X(SetClassFields, "R")        /* constructor register; acc = field initializer */   \
    X(InitFields, "")             /* runs the active class's field initializer on this */ \
    X(CreateObject, "")                                                                 \
    X(CreateArray, "")                                                                  \
    X(ArrayPush, "R")             /* array; value in acc */                             \
    X(ArrayPushHole, "R")                                                               \
    X(ArraySpread, "R")           /* array; iterable in acc */                          \
    X(CopyDataProperties, "R")    /* target; source in acc */                           \
    X(CopyDataPropertiesExcluding, "RRI") /* target, first excluded key, count */       \
    X(CreateRegExp, "KK")         /* pattern, flags */                                  \
    X(GetTemplateObject, "KI")    /* strings array, cache ic */                         \
    X(CreateArguments, "")                                                              \
    X(CreateRestParameter, "I")   /* first index */                                     \
    X(CreatePrivateName, "K")     /* description */                                     \
    X(LdaNewTarget, "")                                                                 \
    X(LdaCallee, "")                                                                    \
    X(LdaHomeObject, "")                                                                \
    /* Iteration */                                                                     \
    X(GetIterator, "R")           /* acc = iterable; out: r = iterator, r+1 = next */   \
    X(GetAsyncIterator, "R")                                                            \
    X(IteratorStep, "RL")         /* iterator record; acc = value, or jump when done */ \
    X(IteratorClose, "R")                                                               \
    X(IteratorCloseQuiet, "R")                                                          \
    X(ForInPrepare, "R")          /* acc = object; out: r = keys, r+1 = index, r+2 = object */ \
    X(ForInNext, "RL")                                                                  \
    /* Generators and async functions */                                                \
    X(Yield, "")                  /* acc = value; resumes with the sent value in acc */ \
    X(YieldResumeKind, "")        /* acc = how the last resume came (0 next, 1 throw, 2 return) */ \
    X(Await, "")                                                                        \
    X(InitialYield, "")           /* generators: suspend right after argument binding */ \
    X(AsyncStart, "")             /* async functions: create the promise and the coroutine */ \
    X(Debugger, "")

enum class Opcode : u8 {
#define WEFT_OPCODE_ENUM(name, format) name,
    WEFT_ENUMERATE_OPCODES(WEFT_OPCODE_ENUM)
#undef WEFT_OPCODE_ENUM
        Count
};

constexpr unsigned kOpcodeCount = static_cast<unsigned>(Opcode::Count);

char const* opcode_name(Opcode);
char const* opcode_format(Opcode);

// The number of scaled operands and of labels of an opcode's format.
struct OperandCounts {
    u8 scaled;
    u8 labels;
};
OperandCounts opcode_operand_counts(Opcode);

// Size in bytes of the instruction at `pc` (prefix included).
usize instruction_size(u8 const* pc);

inline u32 read_u16(u8 const* p)
{
    u16 v;
    std::memcpy(&v, p, 2);
    return v;
}
inline u32 read_u32(u8 const* p)
{
    u32 v;
    std::memcpy(&v, p, 4);
    return v;
}


} // namespace weft

namespace weft {

// Rare operations reached through CallRuntime (id, first argument register, count).
enum class RuntimeFunction : u8 {
    SetPrototypeOfLiteral, // (object, prototype): `__proto__: v` in an object literal
    SetFunctionName,       // (function, key): names an anonymous function defined under a computed key
    CheckObjectCoercible,  // (value): destructuring null/undefined throws
    IteratorResultCheck,   // (result): throws unless an object
    ToPropertyKeyValue,    // (value) -> a key as a Value
    GetIteratorReturn,     // (iterator) -> GetMethod(iterator, "return")
    GetIteratorThrow,      // (iterator) -> GetMethod(iterator, "throw")
    IteratorComplete,      // (result) -> ToBoolean(result.done)
    IteratorValue,         // (result) -> result.value
    AsyncIteratorNext,     // (iterator, next) -> Call(next, iterator)
    DynamicImport,         // (referrer file, specifier, options) -> a promise of the namespace
    ImportMeta,            // (referrer file) -> the module's import.meta object
};

} // namespace weft
