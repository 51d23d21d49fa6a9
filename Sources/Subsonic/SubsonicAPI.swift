import Foundation
import Host
import HTTPSupport
import Hummingbird
import Logging

/// The OpenSubsonic API at `/rest/<method>` and `/rest/<method>.view`, GET or POST (the
/// form merged with the query string), over the Host's services.
///
/// Every answer, errors included, is HTTP 200 with a `subsonic-response` envelope in the
/// format asked for (`f`): apps break on other statuses. An unknown method is an error
/// envelope too.
public struct SubsonicAPI: Sendable {
    let host: MusicHost
    let accounts: Accounts
    let serverVersion: String
    let logger: Logger
    let authenticator: SubsonicAuthenticator
    let methods: [String: SubsonicMethod]

    /// The OpenSubsonic extensions honoured in full, advertised by getOpenSubsonicExtensions.
    static let extensions: [(name: String, versions: [Int])] = [
        ("formPost", [1]), ("apiKeyAuthentication", [1]), ("songLyrics", [1]), ("indexBasedQueue", [1]), ("transcodeOffset", [1]),
    ]

    public init(host: MusicHost, accounts: Accounts, serverVersion: String, logger: Logger) {
        self.host = host
        self.accounts = accounts
        self.serverVersion = serverVersion
        self.logger = logger
        authenticator = SubsonicAuthenticator(apps: accounts.apps)
        var methods: [String: SubsonicMethod] = [:]
        for group in [
            Self.system(host: host), Self.browsing(host: host), Self.albumLists(host: host), Self.discovery(host: host),
            Self.searching(host: host), Self.annotation(host: host),
            Self.playlists(host: host, accounts: accounts), Self.usersAndScans(host: host, accounts: accounts),
            Self.lyrics(host: host), Self.playQueue(host: host),
        ] {
            methods.merge(group) { first, _ in first }
        }
        self.methods = methods
    }

    /// Adds the routes (GET and HEAD, which players use to probe a stream, and POST).
    /// `address` tells the client's address (behind a trusted proxy, the forwarded one), for
    /// the sign-in limits.
    public func add(to router: Router<AppRequestContext>, address: @escaping @Sendable (Request, AppRequestContext) -> String) {
        let handle: @Sendable (Request, AppRequestContext) async throws -> Response = { request, context in
            let name = context.parameters.get("method") ?? ""
            let parameters: SubsonicParameters
            do {
                parameters = try await Self.parameters(of: request)
            } catch {
                let failure = SubsonicError(.generic, "The request is larger than \(Self.maximumFormBytes / 1024) KiB, the most this server reads")
                return Self.response(.failed(failure, serverVersion: serverVersion), as: .xml)
            }
            return await answer(method: name, parameters: parameters, address: address(request, context), request: request, context: context)
        }
        router.get("/rest/:method", use: handle)
        router.head("/rest/:method", use: handle)
        router.post("/rest/:method", use: handle)
    }

    /// The query string and, for a form POST, the body (bounded), as one set of parameters.
    static func parameters(of request: Request) async throws -> SubsonicParameters {
        var pairs = SubsonicParameters.pairs(fromForm: Substring(request.uri.query ?? ""))
        if request.method == .post,
           request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        {
            let body = try await request.body.collect(upTo: maximumFormBytes)
            pairs += SubsonicParameters.pairs(fromForm: Substring(String(buffer: body)))
        }
        return SubsonicParameters(pairs: pairs)
    }

    static let maximumFormBytes = 256 * 1024

    /// The answer to one call, as an HTTP 200 response.
    func answer(
        method rawName: String, parameters: SubsonicParameters, address: String, request: Request, context: AppRequestContext
    ) async -> Response {
        let name = rawName.hasSuffix(".view") ? String(rawName.dropLast(5)) : rawName
        let format: SubsonicFormat
        do {
            format = try SubsonicFormat(f: parameters.string("f"), callback: parameters.string("callback"))
        } catch {
            return Self.response(.failed(SubsonicError.from(error), serverVersion: serverVersion), as: .xml)
        }
        do {
            // Answers without credentials: apps ask it before they know which to send.
            if name == "getOpenSubsonicExtensions" {
                return Self.response(.ok([Self.extensionList], serverVersion: serverVersion), as: format)
            }
            let user = try await authenticator.authenticate(parameters, address: address)
            let shapes = SubsonicShapes(sources: host.sources, legacyClient: SubsonicShapes.isLegacy(client: parameters.string("c")))
            let call = SubsonicCall(parameters: parameters, user: user, shapes: shapes)
            if Self.mediaMethods.contains(name) {
                do {
                    return try await media(name, call: call, request: request, context: context)
                } catch let refusal as HTTPRefusal {
                    return Self.response(refusal)
                }
            }
            guard let method = methods[name] else {
                throw SubsonicError(.notFound, "Unknown method \(name.prefix(60)); this server speaks OpenSubsonic")
            }
            if method.adminOnly, !user.isAdmin {
                throw SubsonicError(.notAuthorized, "\(name) needs an admin account")
            }
            let payload = try await method.run(call)
            return Self.response(SubsonicEnvelope(serverVersion: serverVersion, failure: nil, payload: payload), as: format)
        } catch {
            let failure = SubsonicError.from(error)
            if failure.code == .generic, !(error is SubsonicError), !(error is HostError) {
                logger.error("subsonic call failed", metadata: ["method": "\(name.prefix(60))", "error": "\(error)"])
            }
            return Self.response(.failed(failure, serverVersion: serverVersion), as: format)
        }
    }

    static var extensionList: SubsonicElement.Member {
        .list(name: "openSubsonicExtensions", extensions.map { item in
            SubsonicElement("openSubsonicExtensions").with {
                $0.set("name", item.name)
                $0.append(values: "versions", item.versions.map { .integer(Int64($0)) })
            }
        })
    }

    static func response(_ envelope: SubsonicEnvelope, as format: SubsonicFormat) -> Response {
        let (body, type) = envelope.encoded(as: format)
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
