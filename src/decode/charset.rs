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
    // chardetng rules an encoding out at its first invalid sequence, so
    // one stray byte in a UTF-8 or GBK page left only a single-byte
    // encoding, which never fails and turned the whole page into
    // mojibake. A multi-byte reading that is nearly all valid is the
    // page's encoding, its few bad bytes replaced (and warned about).
    // UTF-8 first: no other encoding's text reads as nearly valid UTF-8.
    let utf8 = finish(UTF_8, bytes, "sniffed");
    if nearly_valid(&utf8) {
        return utf8;
    }
    drop(utf8);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let guess = if guess == GBK { GB18030 } else { guess };
    if guess != GB18030 && !is_multibyte(guess) {
        let gb = finish(GB18030, bytes, "sniffed");
        if nearly_valid(&gb) {
            return gb;
        }
    }
    finish(guess, bytes, "sniffed")
}

/// Encodings of more than one byte a character (CJK, UTF-8): their
/// readings of the wrong bytes are full of errors, so few errors are
/// evidence.
fn is_multibyte(enc: &'static Encoding) -> bool {
    enc == UTF_8
        || enc == GB18030
        || enc == encoding_rs::BIG5
        || enc == encoding_rs::SHIFT_JIS
        || enc == encoding_rs::EUC_JP
        || enc == encoding_rs::EUC_KR
}

/// At most one replacement for every [`VALID_PER_ERROR`] characters
/// outside ASCII read correctly.
const VALID_PER_ERROR: usize = 20;

/// Whether a multi-byte reading holds many characters beyond ASCII and
/// few replacements: a page with a few bad bytes, not the wrong encoding
/// (GBK read as UTF-8 is one error per character; Latin-1 text has no
/// valid multi-byte character at all).
fn nearly_valid(d: &Decoded) -> bool {
    let wide = d.text.chars().filter(|c| !c.is_ascii()).count() - d.replacements;
    wide > 0 && d.replacements * VALID_PER_ERROR <= wide
}

/// Text in UTF-16 or UTF-32 with a byte-order mark, as UTF-8; `None` for
/// anything else. UTF-32 (which the Encoding Standard, and so
/// encoding_rs, leaves out) is read here; a code unit that is no
/// character becomes U+FFFD. Returns the text, the encoding's name and
/// the number of replacements.
pub fn decode_wide(bytes: &[u8]) -> Option<(String, &'static str, usize)> {
    let utf32 = |be: bool| {
        let mut bad = 0;
        let text: String = bytes[4..]
            .chunks(4)
            .map(|c| {
                let mut u = [0u8; 4];
                u[..c.len()].copy_from_slice(c);
                let v = if be {
                    u32::from_be_bytes(u)
                } else {
                    u32::from_le_bytes(u)
                };
                char::from_u32(v)
                    .filter(|_| c.len() == 4)
                    .unwrap_or_else(|| {
                        bad += 1;
                        '\u{FFFD}'
                    })
            })
            .collect();
        (text, bad)
    };
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        let (t, bad) = utf32(false);
        return Some((t, "UTF-32LE", bad));
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        let (t, bad) = utf32(true);
        return Some((t, "UTF-32BE", bad));
    }
    let (enc, bom) = Encoding::for_bom(bytes)?;
    if enc == UTF_8 {
        return None;
    }
    let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
    let bad = text.matches('\u{FFFD}').count();
    Some((text.into_owned(), enc.name(), bad))
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
    fn a_stray_byte_is_replaced_not_a_reason_to_switch_charsets() {
        let text = "各街道辦事處，區級機關各部門：現將有關事項通知如下。".repeat(40);
        let mut utf8 = text.as_bytes().to_vec();
        utf8.insert(300, 0xFF);
        let d = decode_bytes(&utf8, None, false);
        assert_eq!((d.encoding, d.replacements), ("UTF-8", 1));
        assert!(d.text.contains("各街道辦事處"));
        let (gbk, _, _) = GBK.encode(&text);
        let mut gbk = gbk.into_owned();
        gbk.insert(300, 0xFF);
        let d = decode_bytes(&gbk, None, false);
        assert_eq!((d.encoding, d.replacements), ("gb18030", 1));
        assert!(d.text.contains("各街道辦事處"), "{}", &d.text[..60]);
        // Latin-1 stays Latin-1.
        let d = decode_bytes(b"caf\xe9 cr\xe8me br\xfbl\xe9e", None, false);
        assert_eq!((d.encoding, d.replacements), ("windows-1252", 0));
    }

    #[test]
    fn utf16_and_utf32_with_a_bom() {
        let text = "各街道：現將有關事項通知如下。";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_wide(&le), Some((text.to_string(), "UTF-16LE", 0)));
        let be32: Vec<u8> = [0, 0, 0xFE, 0xFF]
            .into_iter()
            .chain(text.chars().flat_map(|c| u32::from(c).to_be_bytes()))
            .collect();
        assert_eq!(decode_wide(&be32), Some((text.to_string(), "UTF-32BE", 0)));
        assert_eq!(decode_wide(text.as_bytes()), None);
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
