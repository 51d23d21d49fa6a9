import CMemory

/// Keeps the resident size of a long-running server small on a Raspberry Pi.
///
/// glibc gives every thread that allocates its own malloc arena (up to 8 per core), and
/// memory freed into an arena stays resident. Two arenas are plenty for a server whose
/// heavy work is I/O.
enum MemoryTuning {
    static func apply() {
        ms_limit_malloc_arenas(2)
    }

    /// Returns the heap pages freed since the last call. The server calls it a moment after
    /// the last request in progress ends: after a burst of 100 streams that gave back
    /// 20 MiB, which glibc otherwise keeps for reuse.
    @Sendable static func releaseFreeMemory() {
        ms_release_free_memory()
    }
}
