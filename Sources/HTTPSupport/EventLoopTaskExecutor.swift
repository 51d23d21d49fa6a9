import NIOCore

/// Runs the jobs of a task on one event loop (Swift's task executor preference), so that a
/// streamed body's loop of read, write and wait runs where its connection's writes run.
///
/// A body writer otherwise runs on the global executor: each chunk handed to the connection
/// woke the event loop's thread, and each wait for it (`PacedBodyWriter`) woke a worker
/// thread back, two thread switches a 64 KiB chunk, which perf showed as the largest cost of
/// a long range after the copies themselves. On the event loop a write goes straight to the
/// channel and the wait is a task queued behind it on the same thread. Nothing here may
/// block: reads from the page cache are made in place (they cannot wait for the disk), and
/// a read that would wait goes to a Dispatch worker (`FileDescriptorReader.readBuffer`).
///
/// NIO 2.101 has no task executor of its own for an event loop, hence this small one.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
