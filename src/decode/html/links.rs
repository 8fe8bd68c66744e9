//! Attachment links: whether a link is to a file the page offers (a PDF,
//! a Word or spreadsheet file, or a link labelled `附件1：…`).

use std::sync::LazyLock;

use regex::Regex;

/// File types a page offers as attachments.
static FILE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|et|txt|csv)(?:$|[?#])")
        .expect("valid regex")
});

/// Link text that labels an attachment whatever its target
/// (`附件1：实施细则`, `附件：申报表` on a `download?id=…` link).
static ATTACHMENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、.．]").expect("valid regex")
});

/// Whether a link is to a file a page offers as an attachment, by its
/// target or its text (`附件1.pdf`, `附件2：实施细则`).
pub(crate) fn is_file_link(url: &str, text: &str) -> bool {
    FILE_LINK.is_match(url.trim()) || FILE_LINK.is_match(text) || ATTACHMENT_LABEL.is_match(text)
}

#[cfg(test)]
mod attachment_link_tests {
    use super::is_file_link;

    #[test]
    fn a_link_is_an_attachment_by_its_target_or_its_text() {
        assert!(is_file_link("/files/a.PDF", "下载"));
        assert!(is_file_link("/down.jsp?filename=x.docx", "原文"));
        assert!(is_file_link("/download?id=9", "附件1.xlsx"));
        assert!(is_file_link("/download?id=9", "附件2：实施细则"));
        assert!(is_file_link("/download?id=9", " 附件：申报表"));
        assert!(!is_file_link("/news/1.html", "附件下载说明"));
        assert!(!is_file_link("/news/1.html", "关于附件的说明"));
    }
}
