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
}
