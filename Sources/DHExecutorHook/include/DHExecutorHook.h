// The Swift runtime's hook for its global executor (swift/Runtime/Concurrency.h: `swift_task_enqueueGlobal_hook`),
// reached by the linker. SwiftNIO finds it with `dlsym`, which a binary linked with the static standard library does
// not export (the archive's symbols are made local to the binary); a reference from a C file links to it either way.
#ifndef DH_EXECUTOR_HOOK_H
#define DH_EXECUTOR_HOOK_H

/// The address of the runtime's `swift_task_enqueueGlobal_hook` (a function pointer, NULL until set).
void *_Nullable *_Nonnull dh_enqueue_global_hook(void);

#endif
