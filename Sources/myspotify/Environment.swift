import ArgumentParser
import Foundation
import Host
import Server

/// Every setting the server reads from the environment, in one place (deploy/.env.example
/// lists the same names; a test keeps the two in step). A value that is set but wrong
/// stops the start with a message naming the variable.
enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }

    static func string(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    static func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), got \(text)")
        }
        return value
    }

    static func bool(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ValidationError("\(name) must be true or false, got \(text)")
        }
    }

    static func url(_ name: String) throws -> URL? {
        guard let text = string(name) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("\(name) must be an http(s) URL such as https://music.example.com, got \(text)")
        }
        return url
    }

    /// MYSPOTIFY_REGISTRATION, MYSPOTIFY_ADMIN_EMAILS, MYSPOTIFY_BCRYPT_COST,
    /// MYSPOTIFY_SIGNUPS_PER_HOUR, MYSPOTIFY_ACCESS_TOKEN_MINUTES,
    /// MYSPOTIFY_REFRESH_TOKEN_DAYS, MYSPOTIFY_JWT_SECRET.
    static func accountSettings() throws -> AccountSettings {
        var settings = AccountSettings()
        if let text = string("MYSPOTIFY_REGISTRATION") {
            guard let registration = AccountSettings.Registration(rawValue: text.lowercased()) else {
                throw ValidationError("MYSPOTIFY_REGISTRATION must be open or closed, got \(text)")
            }
            settings.registration = registration
        }
        settings.adminEmails = Set(
            (string("MYSPOTIFY_ADMIN_EMAILS") ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        if let cost = try int("MYSPOTIFY_BCRYPT_COST", in: 4...16) { settings.bcryptCost = cost }
        if let signUps = try int("MYSPOTIFY_SIGNUPS_PER_HOUR", in: 1...100_000) { settings.signUpsPerAddressPerHour = signUps }
        if let minutes = try int("MYSPOTIFY_ACCESS_TOKEN_MINUTES", in: 1...1440) { settings.accessTokenLifetime = .seconds(minutes * 60) }
        if let days = try int("MYSPOTIFY_REFRESH_TOKEN_DAYS", in: 1...365) { settings.refreshTokenLifetime = .seconds(days * 86400) }
        settings.jwtSecret = string("MYSPOTIFY_JWT_SECRET")
        return settings
    }

    /// MYSPOTIFY_PUBLIC_URL, MYSPOTIFY_TRUST_PROXY, MYSPOTIFY_WEB_DIR, the connection limits,
    /// and Google sign-in: MYSPOTIFY_GOOGLE_CLIENT_ID, MYSPOTIFY_GOOGLE_CLIENT_SECRET,
    /// MYSPOTIFY_GOOGLE_DISCOVERY_URL.
    static func serverSettings() throws -> ServerSettings {
        var settings = ServerSettings()
        settings.publicURL = try url("MYSPOTIFY_PUBLIC_URL")
        settings.trustProxy = try bool("MYSPOTIFY_TRUST_PROXY") ?? false
        let web = string("MYSPOTIFY_WEB_DIR") ?? "./Web"
        settings.webDirectory = FileManager.default.fileExists(atPath: web + "/index.html") ? web : nil
        settings.connections = try connectionLimits()
        let clientID = string("MYSPOTIFY_GOOGLE_CLIENT_ID")
        let secret = string("MYSPOTIFY_GOOGLE_CLIENT_SECRET")
        switch (clientID, secret) {
        case let (id?, secret?):
            settings.google = OpenIDSettings(
                clientID: id, clientSecret: secret,
                discoveryURL: try url("MYSPOTIFY_GOOGLE_DISCOVERY_URL") ?? OpenIDSettings.googleDiscovery)
        case (nil, nil):
            settings.google = nil
        default:
            throw ValidationError("set both MYSPOTIFY_GOOGLE_CLIENT_ID and MYSPOTIFY_GOOGLE_CLIENT_SECRET for Google sign-in, or neither")
        }
        return settings
    }

    /// MYSPOTIFY_HEADER_TIMEOUT_SECONDS, MYSPOTIFY_IDLE_TIMEOUT_SECONDS,
    /// MYSPOTIFY_WRITE_TIMEOUT_SECONDS, MYSPOTIFY_MAX_CONNECTIONS,
    /// MYSPOTIFY_MAX_CONNECTIONS_PER_ADDRESS, MYSPOTIFY_MAX_REQUESTS_PER_ADDRESS.
    static func connectionLimits() throws -> ConnectionLimits {
        var limits = ConnectionLimits()
        if let seconds = try int("MYSPOTIFY_HEADER_TIMEOUT_SECONDS", in: 1...600) { limits.requestTimeout = .seconds(seconds) }
        if let seconds = try int("MYSPOTIFY_IDLE_TIMEOUT_SECONDS", in: 1...3600) { limits.idleTimeout = .seconds(seconds) }
        if let seconds = try int("MYSPOTIFY_WRITE_TIMEOUT_SECONDS", in: 1...3600) { limits.writeTimeout = .seconds(seconds) }
        if let count = try int("MYSPOTIFY_MAX_CONNECTIONS", in: 1...100_000) { limits.maxConnections = count }
        if let count = try int("MYSPOTIFY_MAX_CONNECTIONS_PER_ADDRESS", in: 1...100_000) { limits.maxConnectionsPerAddress = count }
        if let count = try int("MYSPOTIFY_MAX_REQUESTS_PER_ADDRESS", in: 1...100_000) { limits.maxRequestsPerAddress = count }
        return limits
    }
}
