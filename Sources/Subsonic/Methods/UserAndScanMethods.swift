import Foundation
import Host

/// Accounts and scans: getUser (one's own, anyone's for an admin), getUsers (admins),
/// getScanStatus (everyone), startScan (admins).
extension SubsonicAPI {
    static func usersAndScans(host: MusicHost, accounts: Accounts) -> [String: SubsonicMethod] {
        [
            "getUser": SubsonicMethod { call in
                let user = try await accounts.profile(named: call.parameters.required("username"), for: call.user)
                return [.single(call.shapes.user(user))]
            },
            "getUsers": SubsonicMethod(adminOnly: true) { call in
                let users = try await accounts.profiles(for: call.user)
                return [.single(SubsonicElement("users").with { $0.append(list: "user", users.map { call.shapes.user($0) }) })]
            },
            "getScanStatus": SubsonicMethod { _ in
                [.single(scanStatus(try await host.admin.scanStatus()))]
            },
            "startScan": SubsonicMethod(adminOnly: true) { call in
                [.single(scanStatus(try await host.admin.startScanAndReport(full: try call.parameters.bool("fullScan") ?? false)))]
            },
        ]
    }

    private static func scanStatus(_ status: ScanStatusView) -> SubsonicElement {
        SubsonicElement("scanStatus").with {
            $0.set("scanning", status.scanning)
            $0.set(int32: "count", status.count)
            $0.set("lastScan", status.lastScan)
        }
    }
}
