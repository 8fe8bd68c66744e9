//! Charset: which encoding the bytes of a page or text dump are in.
//!
//! Order of evidence, strongest first: a byte-order mark, the HTTP
//! `Content-Type` charset, a `<meta charset>` / `http-equiv` declaration in
//! the first 1024 bytes (HTML only), valid UTF-8, then chardetng's guess. The
//! labels gb2312 and gbk decode as GB18030, a superset: pages labelled gb2312
//! routinely carry GBK-only characters (镕, 堃) and GB18030 decodes both.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// Bytes decoded to a string, with how the encoding was chosen.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Canonical encoding name (`UTF-8`, `GB18030`, `Big5`…).
    pub encoding: &'static str,
    /// `bom`, `http`, `meta` or `sniffed`.
    pub source: &'static str,
    /// Number of U+FFFD the decoder had to insert.
    pub replacements: usize,
}

/// `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("valid regex")
});

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let v = content_type[at + 8..].trim_start();
    let v = v.trim_start_matches(['"', '\'']);
    let end = v
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(v.len());
    Some(&v[..end]).filter(|s| !s.is_empty())
}

/// An encoding for a label, with the gb2312/gbk → GB18030 rule applied.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    Some(if enc == GBK { GB18030 } else { enc })
}

/// Decodes bytes, choosing the encoding as this module's doc says.
/// `look_for_meta` enables the `<meta>` prescan (HTML).
pub fn decode_bytes(bytes: &[u8], content_type: Option<&str>, look_for_meta: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], "bom");
    }
    if let Some(enc) = content_type
        .and_then(charset_param)
        .and_then(encoding_for_label)
    {
        return finish(enc, bytes, "http");
    }
    if look_for_meta {
        let head = &bytes[..bytes.len().min(1024)];
        if let Some(enc) = META_CHARSET
            .captures(head)
            .and_then(|c| std::str::from_utf8(&c[1]).ok().and_then(encoding_for_label))
        {
            // A page declaring UTF-16 in ASCII-compatible bytes is lying:
            // the HTML standard reads it as UTF-8.
            let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                UTF_8
            } else {
                enc
            };
            return finish(enc, bytes, "meta");
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(UTF_8, bytes, "sniffed");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let guess = if guess == GBK { GB18030 } else { guess };
    finish(guess, bytes, "sniffed")
}

fn finish(enc: &'static Encoding, bytes: &[u8], source: &'static str) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let replacements = text.matches('\u{FFFD}').count();
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        source,
        replacements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb2312_label_reads_gbk_only_characters() {
        // 镕 is in GBK but not in GB2312.
        let (bytes, _, _) = GBK.encode("朱镕基 2025年");
        let html = [b"<meta charset=\"gb2312\">".as_slice(), &bytes].concat();
        let d = decode_bytes(&html, None, true);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.source, "meta");
        assert!(d.text.contains("朱镕基"));
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn header_beats_meta_and_sniffing_finds_gbk() {
        let (bytes, _, _) = GBK.encode("各街道辦事處，區級機關各部門：現將有關事項通知如下。");
        let d = decode_bytes(&bytes, Some("text/html; charset=GBK"), true);
        assert_eq!((d.encoding, d.source), ("gb18030", "http"));
        let d = decode_bytes(&bytes, None, false);
        assert_eq!(d.source, "sniffed");
        assert!(d.text.contains("各街道"), "{}", d.text);
    }

    #[test]
    fn reads_charset_param() {
        assert_eq!(
            charset_param("text/html; charset=\"gb2312\""),
            Some("gb2312")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
