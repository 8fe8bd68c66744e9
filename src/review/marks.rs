//! Layering: turns the spans of a record — which may nest, touch or
//! overlap — into properly nested open/close events over its text.
//!
//! A record's spans are `[start, end)` ranges of code points; HTML needs a
//! tree. Each span becomes a [`Mark`] on a [`Layer`], and the layers nest in
//! their order: a section holds clauses, a clause paragraphs, a paragraph
//! figures and units. [`layer`] cuts the text at every span boundary and
//! line break; over each piece, the marks covering it, sorted by layer (then
//! outermost first), are the elements that must be open. Going from one
//! piece to the next closes and opens only what differs, so a mark that is
//! interrupted by one of an outer layer (a paragraph cut by the start of a
//! clause, a figure running over a line break, two figures overlapping)
//! continues in a second element, its *fragment*: the fragments of a mark
//! always hold exactly its text, in order. A mark of length zero still
//! gets an (empty) element at its place.
//!
//! Work is one sweep over the sorted boundaries, O((n + m) log m) for n
//! code points and m marks.

use std::cmp::Reverse;
use std::collections::BTreeSet;

/// The nesting order of marks, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Section,
    Clause,
    Paragraph,
    Figure,
    Unit,
}

/// A range of code points `[start, end)` to show as one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub layer: Layer,
    pub start: usize,
    pub end: usize,
}

/// One step of the nested rendering, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Open an element for `marks[mark]`; `first` is false for a
    /// continuation fragment.
    Open { mark: usize, first: bool },
    /// Close the element opened last for `marks[mark]`.
    Close { mark: usize },
    /// Text: a byte range of the text.
    Text { start: usize, end: usize },
}

/// The paragraphs of `text`: one mark per non-empty line, line breaks
/// excluded (they stay text between paragraphs).
pub fn paragraphs(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for c in text.chars() {
        if c == '\n' {
            if pos > start {
                out.push(Mark {
                    layer: Layer::Paragraph,
                    start,
                    end: pos,
                });
            }
            start = pos + 1;
        }
        pos += 1;
    }
    if pos > start {
        out.push(Mark {
            layer: Layer::Paragraph,
            start,
            end: pos,
        });
    }
    out
}

/// Nests `marks` over `text` (see the module doc). Marks reaching past the
/// text are cut at its end.
pub fn layer(text: &str, marks: &[Mark]) -> Vec<Event> {
    let len = text.chars().count();
    let marks: Vec<Mark> = marks
        .iter()
        .map(|m| {
            let end = m.end.min(len);
            Mark {
                layer: m.layer,
                start: m.start.min(end),
                end,
            }
        })
        .collect();

    let mut points: Vec<usize> = Vec::with_capacity(marks.len() * 2 + 2);
    points.push(0);
    points.push(len);
    for m in &marks {
        points.push(m.start);
        points.push(m.end);
    }
    points.sort_unstable();
    points.dedup();
    let bytes = byte_offsets(text, &points);

    // Marks by start, and empty marks by position.
    let mut starts: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].start < marks[i].end)
        .collect();
    starts.sort_by_key(|&i| marks[i].start);
    let mut empties: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].start == marks[i].end)
        .collect();
    empties.sort_by_key(|&i| (marks[i].start, marks[i].layer, i));

    type Key = (Layer, usize, Reverse<usize>, usize);
    let key = |i: usize| -> Key { (marks[i].layer, marks[i].start, Reverse(marks[i].end), i) };
    let mut active: BTreeSet<Key> = BTreeSet::new();
    let mut out = Vec::new();
    let mut state = State {
        stack: Vec::new(),
        opened: vec![false; marks.len()],
    };
    let (mut next_start, mut next_empty) = (0, 0);
    for (pi, &p) in points.iter().enumerate() {
        active.retain(|k| marks[k.3].end > p);
        while next_start < starts.len() && marks[starts[next_start]].start == p {
            active.insert(key(starts[next_start]));
            next_start += 1;
        }
        // Empty marks at p: open and close inside the active marks of
        // outer layers only.
        while next_empty < empties.len() && marks[empties[next_empty]].start == p {
            let e = empties[next_empty];
            let mut want: Vec<usize> = active
                .iter()
                .take_while(|k| k.0 < marks[e].layer)
                .map(|k| k.3)
                .collect();
            want.push(e);
            state.go(&want, &mut out);
            state.go(&want[..want.len() - 1], &mut out);
            next_empty += 1;
        }
        let Some(&q) = points.get(pi + 1) else { break };
        let want: Vec<usize> = active.iter().map(|k| k.3).collect();
        state.go(&want, &mut out);
        out.push(Event::Text {
            start: bytes[pi],
            end: bytes[pi + 1],
        });
        debug_assert!(q > p);
    }
    state.go(&[], &mut out);
    out
}

struct State {
    stack: Vec<usize>,
    opened: Vec<bool>,
}

impl State {
    /// Closes and opens what it takes for the open elements to be `want`.
    fn go(&mut self, want: &[usize], out: &mut Vec<Event>) {
        let common = self
            .stack
            .iter()
            .zip(want)
            .take_while(|(a, b)| a == b)
            .count();
        while self.stack.len() > common {
            let mark = self.stack.pop().expect("len > common");
            out.push(Event::Close { mark });
        }
        for &mark in &want[common..] {
            out.push(Event::Open {
                mark,
                first: !self.opened[mark],
            });
            self.opened[mark] = true;
            self.stack.push(mark);
        }
    }
}

/// Byte offsets in `text` of the code-point positions `points` (sorted,
/// each at most the number of code points), in one pass.
pub fn byte_offsets(text: &str, points: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(points.len());
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let mut cp = 0;
    let mut byte = it.next().unwrap_or(0);
    for &p in points {
        while cp < p {
            match it.next() {
                Some(b) => {
                    byte = b;
                    cp += 1;
                }
                None => break,
            }
        }
        out.push(byte);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders events as `[kind:text]` brackets so nesting is visible.
    fn show(text: &str, marks: &[Mark], events: &[Event]) -> String {
        let mut s = String::new();
        for e in events {
            match *e {
                Event::Open { mark, first } => {
                    let tag = match marks[mark].layer {
                        Layer::Section => "S",
                        Layer::Clause => "C",
                        Layer::Paragraph => "P",
                        Layer::Figure => "F",
                        Layer::Unit => "U",
                    };
                    s.push('[');
                    s.push_str(tag);
                    if !first {
                        s.push('+');
                    }
                    s.push(':');
                }
                Event::Close { .. } => s.push(']'),
                Event::Text { start, end } => s.push_str(&text[start..end]),
            }
        }
        s
    }

    /// Each mark's fragments, concatenated, are exactly its code points.
    fn assert_fragments_hold_spans(text: &str, marks: &[Mark], events: &[Event]) {
        let mut open: Vec<usize> = Vec::new();
        let mut got = vec![String::new(); marks.len()];
        let mut seen = vec![false; marks.len()];
        for e in events {
            match *e {
                Event::Open { mark, .. } => {
                    open.push(mark);
                    seen[mark] = true;
                }
                Event::Close { mark } => assert_eq!(open.pop(), Some(mark), "well nested"),
                Event::Text { start, end } => {
                    for &m in &open {
                        got[m].push_str(&text[start..end]);
                    }
                }
            }
        }
        assert!(open.is_empty());
        for (i, m) in marks.iter().enumerate() {
            let want: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(got[i], want, "mark {i} {m:?}");
            assert!(seen[i], "mark {i} has an element");
        }
    }

    fn mark(layer: Layer, start: usize, end: usize) -> Mark {
        Mark { layer, start, end }
    }

    #[test]
    fn an_amount_inside_a_clause_inside_a_section_lands_on_its_code_points() {
        // 一、 heading line, then a clause whose amount is 100萬元 (4 code
        // points, 10 bytes) after CJK text: byte and code-point offsets differ.
        let text = "一、支持發展\n（一）給予最高100萬元獎勵。";
        let mut marks = vec![
            mark(Layer::Section, 0, 22),
            mark(Layer::Clause, 7, 22),
            mark(Layer::Figure, 14, 19),
        ];
        marks.extend(paragraphs(text));
        let ev = layer(text, &marks);
        assert_eq!(
            show(text, &marks, &ev),
            "[S:[P:一、支持發展]\n[C:[P:（一）給予最高[F:100萬元]獎勵。]]]"
        );
        assert_fragments_hold_spans(text, &marks, &ev);
    }

    #[test]
    fn a_clause_starting_mid_line_cuts_the_paragraph_not_the_clause() {
        let text = "前言。（一）條款甲。\n續行。";
        let mut marks = vec![mark(Layer::Clause, 3, 14)];
        marks.extend(paragraphs(text));
        let ev = layer(text, &marks);
        assert_eq!(
            show(text, &marks, &ev),
            "[P:前言。][C:[P+:（一）條款甲。]\n[P:續行。]]"
        );
        assert_fragments_hold_spans(text, &marks, &ev);
    }

    #[test]
    fn a_figure_over_a_line_break_continues_in_a_fragment() {
        let text = "金額10\n億元整";
        let mut marks = vec![mark(Layer::Figure, 2, 7)];
        marks.extend(paragraphs(text));
        let ev = layer(text, &marks);
        assert_eq!(
            show(text, &marks, &ev),
            "[P:金額[F:10]][F+:\n][P:[F+:億元]整]"
        );
        assert_fragments_hold_spans(text, &marks, &ev);
    }

    #[test]
    fn overlapping_marks_of_one_layer_and_a_clause_past_its_section() {
        let text = "甲乙丙丁戊己庚辛";
        let marks = vec![
            mark(Layer::Figure, 1, 5),
            mark(Layer::Figure, 3, 7),
            mark(Layer::Section, 0, 4),
            mark(Layer::Clause, 2, 6),
            mark(Layer::Unit, 4, 4),
        ];
        let ev = layer(text, &marks);
        assert_eq!(
            show(text, &marks, &ev),
            "[S:甲[F:乙][C:[F+:丙[F:丁]]]][C+:[F+:[F+:[U:]戊]][F+:己]][F+:庚]辛"
        );
        assert_fragments_hold_spans(text, &marks, &ev);
    }

    #[test]
    fn an_empty_clause_gets_an_element_outside_the_paragraph() {
        let text = "一二三";
        let mut marks = vec![mark(Layer::Clause, 1, 1)];
        marks.extend(paragraphs(text));
        let ev = layer(text, &marks);
        assert_eq!(show(text, &marks, &ev), "[P:一][C:][P+:二三]");
        assert_fragments_hold_spans(text, &marks, &ev);
    }

    #[test]
    fn spans_past_the_text_are_cut_and_supplementary_planes_count_once() {
        let text = "𠀀𠀁元";
        let marks = vec![mark(Layer::Figure, 1, 3), mark(Layer::Clause, 2, 99)];
        let ev = layer(text, &marks);
        assert_eq!(show(text, &marks, &ev), "𠀀[F:𠀁][C:[F+:元]]");
        // Cut to nothing, they still get (empty) elements.
        let on_empty = layer("", &marks);
        assert_eq!(show("", &marks, &on_empty), "[C:][F:]");
        assert_eq!(byte_offsets(text, &[0, 1, 2, 3, 9]), vec![0, 4, 8, 11, 11]);
    }

    #[test]
    fn paragraphs_skip_empty_lines() {
        let p: Vec<(usize, usize)> = paragraphs("甲\n\n乙丙\n")
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        assert_eq!(p, vec![(0, 1), (3, 5)]);
    }
}
