/// At most `limit` downloads at once; the rest wait their turn in order.
actor DownloadSlots {
    private let limit: Int
    private var inUse = 0
    private var queue: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { queue.append($0) }
    }

    func release() {
        if queue.isEmpty {
            inUse -= 1
        } else {
            queue.removeFirst().resume()
        }
    }

    /// Downloads waiting for a slot.
    var waiting: Int { queue.count }
}
