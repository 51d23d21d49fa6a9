import Synchronization

/// The requests in progress, per client address and in all.
///
/// An entry exists only while an address has requests in progress, so the table is never
/// larger than the number of requests being served (itself bounded by the connections).
final class InFlightRequests: Sendable {
    private let limit: Int
    private let wentQuiet: @Sendable () -> Void
    private let state = Mutex(State())

    private struct State {
        var total = 0
        var byAddress: [String: Int] = [:]
    }

    /// One request's place; `end()` gives it back (once, however often it is called).
    final class Slot: Sendable {
        private let requests: InFlightRequests
        private let address: String
        private let ended = Atomic(false)

        fileprivate init(requests: InFlightRequests, address: String) {
            self.requests = requests
            self.address = address
        }

        func end() {
            guard !ended.exchange(true, ordering: .acquiringAndReleasing) else { return }
            requests.release(address)
        }

        deinit { end() }
    }

    /// - Parameters:
    ///   - limit: requests in progress at once per address.
    ///   - wentQuiet: called each time the last request in progress ends.
    init(limit: Int, wentQuiet: @escaping @Sendable () -> Void = {}) {
        self.limit = limit
        self.wentQuiet = wentQuiet
    }

    /// A slot for a request from `address`, or nil when it has `limit` in progress.
    func begin(_ address: String) -> Slot? {
        let admitted = state.withLock { state -> Bool in
            let count = state.byAddress[address, default: 0]
            guard count < limit else { return false }
            state.byAddress[address] = count + 1
            state.total += 1
            return true
        }
        return admitted ? Slot(requests: self, address: address) : nil
    }

    private func release(_ address: String) {
        let quiet = state.withLock { state -> Bool in
            if let count = state.byAddress[address] { state.byAddress[address] = count > 1 ? count - 1 : nil }
            state.total -= 1
            return state.total == 0
        }
        if quiet { wentQuiet() }
    }
}
