import Foundation
import HTTPSupport
import Host
import Hummingbird

/// `GET` and `HEAD /stream/{id}`: the audio of a track (see `AudioResponse`).
struct StreamRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/stream/:id") { request, context in try await stream(request, context: context, sendBody: true) }
        group.head("/stream/:id") { request, context in try await stream(request, context: context, sendBody: false) }
    }

    private func stream(_ request: Request, context: AppRequestContext, sendBody: Bool) async throws -> Response {
        let audio = try await host.streams.open(trackID: context.parameters.require("id"))
        return try await AudioResponse.make(audio, request: request, eventLoop: context.eventLoop, sendBody: sendBody)
    }
}
