#include "DHExecutorHook.h"

extern void *swift_task_enqueueGlobal_hook;

void *_Nullable *_Nonnull dh_enqueue_global_hook(void) { return &swift_task_enqueueGlobal_hook; }
