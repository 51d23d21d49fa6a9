import Foundation

/// Runs work that blocks (waiting for a child process, reading a pipe to its end) on a
/// Dispatch thread, not on one of Swift's cooperative threads: there are only as many of
/// those as cores (2 here), and a test holding one for a child's whole run stalls every
/// other test of the process, which made deadline tests fail under a full parallel run.
public enum BlockingWork {
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
