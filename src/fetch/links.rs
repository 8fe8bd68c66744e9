//! Which of a page's attachment links a run may follow.
//!
//! In: the page's URL and a link's target. Out: the link as a URL to
//! fetch, or a [`Refusal`] saying why not. A page is content a stranger
//! wrote, so a link on it is not an instruction to fetch anything
//! anywhere: only http(s) links on the page's own site are followed (the
//! same host, or a host under the same registrable domain, by the Public
//! Suffix List: `www.zj.gov.cn` and `fgw.zj.gov.cn` are one site,
//! `a.gov.cn` and `b.gov.cn` are not), and never one whose host is or
//! resolves to a private, loopback or link-local address, unless the page
//! itself is on that very host (the user asked for it by name).
//!
//! The address check here covers the link as written; a redirect from it
//! is checked by the HTTP client's own policy (`fetch::http`); both ask
//! [`address`] what is private.

use std::net::IpAddr;

use url::{Host, Url};

use super::address;

/// Why a link is not followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("not a URL ({0})")]
    BadUrl(String),
    #[error("scheme {0}: only http and https links are followed")]
    Scheme(String),
    #[error("host {link} is not on the page's site ({page})")]
    OffSite { page: String, link: String },
    #[error("host {host} is a private, loopback or link-local address ({ip})")]
    PrivateAddress { host: String, ip: IpAddr },
}

/// Checks `link` (absolute) against the page at `page`, resolving the
/// link's host with the system resolver.
///
/// # Errors
/// A [`Refusal`] when the link must not be fetched.
pub fn check_link(page: &str, link: &str) -> Result<Url, Refusal> {
    check_link_with(page, link, address::resolve)
}

/// [`check_link`] with the resolver given (`host, port -> addresses`): an
/// unresolvable host is let through, since fetching it then fails as a
/// connect error.
///
/// # Errors
/// As [`check_link`].
pub fn check_link_with(
    page: &str,
    link: &str,
    resolve: impl Fn(&str, u16) -> Vec<IpAddr>,
) -> Result<Url, Refusal> {
    let url = Url::parse(link.trim()).map_err(|_| Refusal::BadUrl(link.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Scheme(url.scheme().to_string()));
    }
    let page = Url::parse(page).map_err(|_| Refusal::BadUrl(page.to_string()))?;
    let (Some(ph), Some(lh)) = (page.host(), url.host()) else {
        return Err(Refusal::BadUrl(link.to_string()));
    };
    let same_host = ph == lh;
    if !same_host && !same_site(&ph, &lh) {
        return Err(Refusal::OffSite {
            page: ph.to_string(),
            link: lh.to_string(),
        });
    }
    if same_host {
        // The user named this host; a link back to it reaches nothing new.
        return Ok(url);
    }
    let port = url.port_or_known_default().unwrap_or(80);
    if let Some(ip) = address::private_address(&lh, port, resolve) {
        return Err(Refusal::PrivateAddress {
            host: lh.to_string(),
            ip,
        });
    }
    Ok(url)
}

/// Whether two hosts share a registrable domain (`fgw.zj.gov.cn` and
/// `www.zj.gov.cn` share `zj.gov.cn`). Addresses are one site only with
/// themselves.
fn same_site(a: &Host<&str>, b: &Host<&str>) -> bool {
    let (Host::Domain(a), Host::Domain(b)) = (a, b) else {
        return false;
    };
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    match (psl::domain(a.as_bytes()), psl::domain(b.as_bytes())) {
        (Some(x), Some(y)) => x.as_bytes() == y.as_bytes(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(_: &str, _: u16) -> Vec<IpAddr> {
        vec!["203.0.113.7".parse().expect("ip")]
    }

    #[test]
    fn same_host_and_same_registrable_domain_are_followed() {
        let page = "https://www.zj.gov.cn/art/2025/1/1/art_1.html";
        for link in [
            "https://www.zj.gov.cn/module/download/a.pdf",
            "http://fgw.zj.gov.cn/files/b.docx",
            "https://ZJ.GOV.CN/c.ofd",
        ] {
            assert!(check_link_with(page, link, public).is_ok(), "{link}");
        }
    }

    #[test]
    fn other_sites_and_schemes_are_refused() {
        let page = "https://www.zj.gov.cn/art/1.html";
        let refused = |link: &str| check_link_with(page, link, public).expect_err(link);
        assert!(matches!(
            refused("https://www.js.gov.cn/a.pdf"),
            Refusal::OffSite { .. }
        ));
        assert!(matches!(
            refused("https://evil.example/a.pdf"),
            Refusal::OffSite { .. }
        ));
        assert!(matches!(refused("file:///etc/passwd"), Refusal::Scheme(_)));
        assert!(matches!(
            refused("ftp://www.zj.gov.cn/a.pdf"),
            Refusal::Scheme(_)
        ));
        assert!(matches!(refused("javascript:void(0)"), Refusal::Scheme(_)));
        assert!(matches!(
            refused("http://10.0.0.5/a.pdf"),
            Refusal::OffSite { .. }
        ));
    }

    #[test]
    fn a_site_name_resolving_to_a_private_address_is_refused() {
        let page = "https://www.zj.gov.cn/art/1.html";
        let inside = |host: &str, _: u16| -> Vec<IpAddr> {
            if host == "intranet.zj.gov.cn" {
                vec!["10.1.2.3".parse().expect("ip")]
            } else {
                public(host, 0)
            }
        };
        assert!(matches!(
            check_link_with(page, "http://intranet.zj.gov.cn/a.pdf", inside),
            Err(Refusal::PrivateAddress { .. })
        ));
        assert!(check_link_with(page, "http://fgw.zj.gov.cn/a.pdf", inside).is_ok());
    }

    #[test]
    fn a_page_on_a_private_host_may_link_to_that_host_only() {
        let page = "http://127.0.0.1:8080/notice.html";
        assert!(check_link_with(page, "http://127.0.0.1:8080/a.pdf", public).is_ok());
        assert!(matches!(
            check_link_with(page, "http://127.0.0.2/a.pdf", public),
            Err(Refusal::OffSite { .. })
        ));
    }
}
