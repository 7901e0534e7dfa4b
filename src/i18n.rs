//! The one translation table: every string the user sees, in Chinese (first) and English.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A key into the translation table: which topic's table, and which row of it. Each topic's
/// file (`i18n/table/*.rs`) defines its keys as constants (`T::NavProjects`), so the table is
/// split by topic while every key stays one name, checked by the compiler: a key defined twice
/// does not build.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct T {
    topic: u8,
    row: u16,
}

/// One topic's rows: the keys' names (for `Debug` and the tests) and the two languages.
struct Topic {
    number: u8,
    names: &'static [&'static str],
    zh: &'static [&'static str],
    en: &'static [&'static str],
}

/// Defines one topic's keys as `T` constants and its rows as `TOPIC`.
macro_rules! texts {
    (topic $topic:literal; $($key:ident => $zh:literal, $en:literal;)*) => {
        #[allow(clippy::enum_variant_names)]
        #[repr(u16)]
        enum Row { $($key),* }

        #[allow(non_upper_case_globals)]
        impl crate::i18n::T {
            $(pub const $key: crate::i18n::T = crate::i18n::T::at($topic, Row::$key as u16);)*
        }

        pub(in crate::i18n) const TOPIC: crate::i18n::Topic = crate::i18n::Topic {
            number: $topic,
            names: &[$(stringify!($key)),*],
            zh: &[$($zh),*],
            en: &[$($en),*],
        };
    };
}

mod table {
    pub mod agenda;
    pub mod chain;
    pub mod charts;
    pub mod companies_io;
    pub mod dashboard;
    pub mod files;
    pub mod general;
    pub mod import_large;
    pub mod map;
    pub mod safety_sync;
    pub mod sync_more;
    pub mod trip;
    pub mod words;
}

/// The topics in their numbers' order (checked below, when the crate builds).
const TOPICS: [&Topic; 13] = [
    &table::general::TOPIC,
    &table::dashboard::TOPIC,
    &table::charts::TOPIC,
    &table::files::TOPIC,
    &table::words::TOPIC,
    &table::safety_sync::TOPIC,
    &table::agenda::TOPIC,
    &table::chain::TOPIC,
    &table::map::TOPIC,
    &table::companies_io::TOPIC,
    &table::sync_more::TOPIC,
    &table::trip::TOPIC,
    &table::import_large::TOPIC,
];

const _: () = {
    let mut i = 0;
    while i < TOPICS.len() {
        assert!(
            TOPICS[i].number as usize == i,
            "a topic's number is not its place in TOPICS"
        );
        i += 1;
    }
};

impl T {
    const fn at(topic: u8, row: u16) -> T {
        T { topic, row }
    }

    fn topic(self) -> &'static Topic {
        TOPICS[self.topic as usize]
    }

    /// The key's name, as written in the table.
    pub fn name(self) -> &'static str {
        self.topic().names[self.row as usize]
    }

    /// Every key, topic by topic in the table's order (for the test that reads them all).
    pub fn all() -> impl Iterator<Item = T> {
        TOPICS.iter().flat_map(|topic| {
            (0..topic.names.len()).map(move |row| T::at(topic.number, row as u16))
        })
    }
}

impl std::fmt::Debug for T {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Lang {
    pub fn t(self, key: T) -> &'static str {
        let topic = key.topic();
        match self {
            Lang::Zh => topic.zh[key.row as usize],
            Lang::En => topic.en[key.row as usize],
        }
    }
}

mod errors;
mod labels;

pub use errors::{
    Place, amount_error_text, io_error_text, open_error_text, open_error_text_at, store_error_text,
    sync_error_text,
};
pub use labels::stage_label;
