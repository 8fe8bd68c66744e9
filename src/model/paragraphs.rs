//! A notice's text as the stages after decode read it: decode's paragraphs
//! joined by `\n` once (the record's `text`), with the byte offset where
//! each paragraph starts. Built once by the pipeline; structure walks the
//! starts instead of splitting the text again, entities read the text, and
//! every span the record holds is a code-point offset into this text.

/// The joined text and where its paragraphs start.
///
/// A paragraph is a line of the text. `decode::decode` hands over one line
/// per paragraph (`Text::one_line_each`), so decode's indices (a table's
/// rows) are indices here; a paragraph holding a line break anyway (a
/// caller's own) is two paragraphs here, as the record's `text` reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    text: String,
    /// Byte offset of each paragraph in `text`, ascending; the first is 0.
    starts: Vec<usize>,
}

impl Paragraphs {
    /// Joins decode's paragraphs by `\n`.
    pub fn join<S: AsRef<str>>(paragraphs: &[S]) -> Self {
        let len = paragraphs
            .iter()
            .map(|p| p.as_ref().len() + 1)
            .sum::<usize>();
        let mut text = String::with_capacity(len.saturating_sub(1));
        let mut starts = Vec::with_capacity(paragraphs.len().max(1));
        for (i, p) in paragraphs.iter().enumerate() {
            let p = p.as_ref();
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            starts.extend(memchr::memchr_iter(b'\n', p.as_bytes()).map(|at| text.len() + at + 1));
            text.push_str(p);
        }
        if starts.is_empty() {
            starts.push(0);
        }
        Paragraphs { text, starts }
    }

    /// A text already joined, one paragraph per line: for callers that hold
    /// a text rather than decode's paragraphs (tests that write a notice
    /// out, a library user's own text).
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect();
        Paragraphs { text, starts }
    }

    /// The whole text (the record's `text`).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, given up to the record.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Each paragraph with its byte offset in the text (no newline); an
    /// empty text has one, empty.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (usize, &str)> + '_ {
        self.starts.iter().enumerate().map(|(i, &start)| {
            let end = self
                .starts
                .get(i + 1)
                .map_or(self.text.len(), |&next| next - 1);
            (start, &self.text[start..end])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(b: &Paragraphs) -> Vec<(usize, &str)> {
        b.iter().collect()
    }

    #[test]
    fn paragraphs_are_the_lines_of_the_joined_text() {
        let b = Paragraphs::join(&["一、总则", "（一）甲。", "乙"]);
        assert_eq!(b.text(), "一、总则\n（一）甲。\n乙");
        assert_eq!(lines(&b), [(0, "一、总则"), (13, "（一）甲。"), (29, "乙")]);
        assert_eq!(b, Paragraphs::from_text(b.text()));
    }

    #[test]
    fn a_paragraph_holding_a_line_break_is_two() {
        // As the text reads (and as structure split it when it split the
        // joined text).
        let b = Paragraphs::join(&["甲\n乙", "丙"]);
        assert_eq!(b.text(), "甲\n乙\n丙");
        assert_eq!(lines(&b), [(0, "甲"), (4, "乙"), (8, "丙")]);
        assert_eq!(b, Paragraphs::from_text("甲\n乙\n丙"));
    }

    #[test]
    fn empty_and_blank_lines_are_paragraphs() {
        for (b, want) in [
            (Paragraphs::join::<&str>(&[]), vec![(0, "")]),
            (Paragraphs::from_text(""), vec![(0, "")]),
            (Paragraphs::from_text("a\n"), vec![(0, "a"), (2, "")]),
            (Paragraphs::join(&["", "a"]), vec![(0, ""), (1, "a")]),
        ] {
            assert_eq!(lines(&b), want, "{:?}", b.text());
            assert_eq!(b, Paragraphs::from_text(b.text()));
        }
    }
}
