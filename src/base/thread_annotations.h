// clang thread-safety analysis attributes; empty on other compilers.
#pragma once

#if defined(__clang__)
#define WEFT_TSA(x) __attribute__((x))
#else
#define WEFT_TSA(x)
#endif

#define CAPABILITY(x) WEFT_TSA(capability(x))
#define SCOPED_CAPABILITY WEFT_TSA(scoped_lockable)
#define GUARDED_BY(x) WEFT_TSA(guarded_by(x))
#define PT_GUARDED_BY(x) WEFT_TSA(pt_guarded_by(x))
#define REQUIRES(...) WEFT_TSA(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) WEFT_TSA(acquire_capability(__VA_ARGS__))
#define RELEASE(...) WEFT_TSA(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) WEFT_TSA(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) WEFT_TSA(locks_excluded(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS WEFT_TSA(no_thread_safety_analysis)
