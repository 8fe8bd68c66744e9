//! Which addresses a fetch must not reach unasked: one answer for the
//! attachment links a page gives ([`super::links`]) and the redirects a
//! server answers ([`super::http`]).
//!
//! A page or a server is content a stranger wrote; following it to a
//! private, loopback or link-local address would let it make us reach the
//! machine's own network. A host the user named is trusted by the callers
//! (it may be local on purpose: a mirror, a test server).

use std::net::{IpAddr, ToSocketAddrs};

use url::Host;

/// Addresses a page on the internet must not make us reach: private
/// (RFC 1918, ULA), loopback, link-local, shared (CGNAT), unspecified,
/// multicast and broadcast, and IPv4 written as IPv6.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || (o[0] == 100 && (o[1] & 0xc0) == 64)
                || o[0] == 0
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// The first private address `host` is or resolves to (by `resolve`:
/// `host, port -> addresses`), if any. A name is judged by what it
/// resolves to now (a later answer may differ: DNS rebinding is not
/// covered); one that does not resolve has none.
pub fn private_address<S: AsRef<str>>(
    host: &Host<S>,
    port: u16,
    resolve: impl Fn(&str, u16) -> Vec<IpAddr>,
) -> Option<IpAddr> {
    let ips = match host {
        Host::Ipv4(ip) => vec![IpAddr::V4(*ip)],
        Host::Ipv6(ip) => vec![IpAddr::V6(*ip)],
        Host::Domain(d) => resolve(d.as_ref(), port),
    };
    ips.into_iter().find(|ip| is_private(*ip))
}

/// The system resolver, as [`private_address`] takes it: no addresses when
/// the name does not resolve.
pub fn resolve(host: &str, port: u16) -> Vec<IpAddr> {
    (host, port)
        .to_socket_addrs()
        .map(|a| a.map(|s| s.ip()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges() {
        for ip in [
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_private(ip.parse().expect("ip")), "{ip}");
        }
        for ip in ["203.0.113.7", "8.8.8.8", "2001:db8::1", "100.128.0.1"] {
            assert!(!is_private(ip.parse().expect("ip")), "{ip}");
        }
    }

    #[test]
    fn a_name_is_judged_by_its_addresses() {
        let inside = |_: &str, _: u16| vec!["10.1.2.3".parse().expect("ip")];
        let outside = |_: &str, _: u16| vec!["203.0.113.7".parse().expect("ip")];
        let host = Host::Domain("intranet.example");
        assert_eq!(
            private_address(&host, 80, inside),
            Some("10.1.2.3".parse().expect("ip"))
        );
        assert_eq!(private_address(&host, 80, outside), None);
        assert_eq!(private_address(&Host::Domain("x"), 80, |_, _| vec![]), None);
        let lit: Host<&str> = Host::Ipv4("127.0.0.1".parse().expect("ip"));
        assert!(private_address(&lit, 80, outside).is_some());
    }
}
