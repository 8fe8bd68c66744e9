//! notice-extract turns Chinese government policy notices (政策文件, 通知)
//! into clean, schema-validated JSON records.
//!
//! # Stages
//!
//! Data flows one way; each stage takes the previous stage's value:
//!
//! | stage       | in → out                                   |
//! |-------------|--------------------------------------------|
//! | `fetch`     | path or URL → [`fetch::RawDocument`]       |
//! | `decode`    | bytes → [`decode::Text`] (paragraphs)      |
//! | `structure` | text → header, outline (sections, clauses, items), units, tables |
//! | `entities`  | text → amounts, percentages                |
//! | `output`    | [`Notice`] → JSON, validated by the schema |
//! | `review`    | records → static HTML pages to check them  |
//! | `diff`      | two records (or runs) → [`diff::Change`]s  |
//!
//! Words that `decode` and `structure` both read (issuer endings, unit
//! labels, role words) sit below both, in [`vocab`].
//!
//! # Example
//!
//! ```
//! use notice_extract::{extract, fetch::RawDocument, Config};
//! let text = "关于印发若干政策的通知\n一、支持企业发展\n（一）加大奖励。给予最高100万元奖励。（责任单位：市财政局、市科技局）";
//! let raw = RawDocument::from_bytes("memo.txt", text.as_bytes().to_vec());
//! let notice = extract(&raw, &Config::default()).unwrap();
//! assert_eq!(notice.clauses[0].responsible_units, ["市财政局", "市科技局"]);
//! ```
//!
//! # Glossary
//!
//! | 繁 / 简              | here                | meaning                                   |
//! |----------------------|---------------------|-------------------------------------------|
//! | 通知 / 通知          | notice              | the document as a whole                   |
//! | 文號 / 文号          | `doc_number`        | 杭高新〔2025〕3號                         |
//! | 主送 / 主送          | `recipients`        | the addressees                            |
//! | 部分 (一、), 章      | section             | a top-level heading `一、`, `第一章`       |
//! | 條款 / 条款 ((一))   | clause              | a numbered measure `(一)`, `1.`, `第一條` |
//! | 項 / 项 (1. (1) ①)   | item                | a numbered level below a clause           |
//! | 目錄 / 目录          | table of contents   | headings listed before the text; skipped  |
//! | 牽頭 / 牵头          | `lead_units`        | the unit leading a section or clause      |
//! | 責任單位 / 责任单位  | `responsible_units` | the units answering for a clause          |
//! | (…負責) / (…负责)    | statement           | a bracket naming responsible units        |
//! | 上限 / 以上          | `bound`             | max / min qualifier of a figure           |
//! | 附件 / 附件          | `attachments`       | a file a page links to; fetched by `run`  |
//! | 原文 / 原文          | `original`          | the attachment that is the notice itself  |

pub mod atomic;
pub mod batch;
pub mod config;
pub mod decode;
pub mod diff;
pub mod entities;
pub mod error;
pub mod exit;
pub mod fetch;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod review;
pub mod structure;
pub mod vocab;

pub use config::Config;
pub use error::DocError;
pub use exit::ExitStatus;
pub use model::Notice;
pub use model::{ErrorCode, Stage, WarningCode};
pub use pipeline::{extract, extract_file};
