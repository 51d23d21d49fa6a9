import Dispatch
import SourceAPI

/// Reads the tags of a batch of files on every core at once.
///
/// TagLib is synchronous and blocking, so it runs on Dispatch's worker threads rather
/// than on Swift's cooperative pool, which must stay free to answer HTTP requests.
enum ParallelReader {
    static func read(_ entries: [LibraryEntry], with provider: any LibraryScanning) async -> [Result<TrackMetadata, any Error>] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                let slots = ResultSlots(count: entries.count)
                DispatchQueue.concurrentPerform(iterations: entries.count) { index in
                    slots.store(Result { try provider.readMetadata(of: entries[index]) }, at: index)
                }
                continuation.resume(returning: slots.results)
            }
        }
    }
}

/// One result slot per file. Each index is written by exactly one worker and read only
/// after `concurrentPerform` returns, which is why unchecked sendability is sound here.
/// A raw buffer, not an array property: concurrent writes to distinct elements of a
/// class's array property would trip Swift's exclusivity checks.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<TrackMetadata, any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ result: Result<TrackMetadata, any Error>, at index: Int) {
        slots[index] = result
    }

    var results: [Result<TrackMetadata, any Error>] {
        slots.map { $0 ?? .failure(HostError.unavailable("file was not read")) }
    }
}
