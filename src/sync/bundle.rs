//! The 同步包 file: a manifest and the entries, compressed, with a SHA-256 over everything,
//! optionally encrypted with the team passphrase (age, scrypt mode).
//!
//! Layout before encryption: `ZSTZSYNC` · format (u16 BE) · manifest length (u32 BE) ·
//! manifest (JSON) · entries length (u64 BE) · entries (deflate of one JSON array per line) ·
//! SHA-256 of all the bytes before it. An encrypted bundle is that, inside an age file.

use std::collections::BTreeMap;
use std::io::{Read, Write as _};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::SyncError;
use crate::store::RawEntry;
use crate::store::changelog::{self, Entry, VersionId};

pub const MAGIC: &[u8; 8] = b"ZSTZSYNC";
/// The bundle format this build writes and the newest it reads.
pub const FORMAT: u16 = 1;
const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// The entries of one site a bundle carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRange {
    pub site: String,
    pub first: i64,
    pub last: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u16,
    pub schema: i32,
    pub bundle_id: String,
    pub sender: String,
    pub officer: String,
    pub officer_name: String,
    pub team_name: String,
    pub created_at: String,
    /// The site this bundle was made for, when known.
    pub recipient: Option<String>,
    pub ranges: Vec<SiteRange>,
    /// Per site, the last seq the sender holds: its acknowledgement.
    pub have: BTreeMap<String, i64>,
    /// Entries per table.
    pub counts: BTreeMap<String, usize>,
    pub entries: usize,
    /// The field order of a created row's values, per table.
    pub tables: BTreeMap<String, Vec<String>>,
}

/// A bundle read back: its manifest and entries.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub manifest: Manifest,
    pub entries: Vec<Entry>,
}

/// Deflate's level: 3 writes a full bundle of 100,000 projects some 10 MB (level 6: 8.5 MB)
/// in well under half the time.
const COMPRESSION: u32 = 3;

/// Writes entries as compressed lines while they stream from the store.
pub struct EntryWriter {
    encoder: flate2::write::DeflateEncoder<Vec<u8>>,
    sites: BTreeMap<String, usize>,
    site_list: Vec<String>,
    pub counts: BTreeMap<String, usize>,
    pub entries: usize,
}

fn ids_value(ids: &[VersionId], sites: &mut impl FnMut(&str) -> usize) -> Value {
    Value::Array(
        ids.iter()
            .map(|(s, q)| Value::Array(vec![Value::from(sites(s)), Value::from(*q)]))
            .collect(),
    )
}

impl Default for EntryWriter {
    fn default() -> Self {
        EntryWriter {
            encoder: flate2::write::DeflateEncoder::new(
                Vec::new(),
                flate2::Compression::new(COMPRESSION),
            ),
            sites: BTreeMap::new(),
            site_list: Vec::new(),
            counts: BTreeMap::new(),
            entries: 0,
        }
    }
}

impl EntryWriter {
    fn site_index(&mut self, site: &str) -> usize {
        if let Some(&i) = self.sites.get(site) {
            return i;
        }
        self.site_list.push(site.to_owned());
        self.sites.insert(site.to_owned(), self.site_list.len() - 1);
        self.site_list.len() - 1
    }

    /// One entry as stored: one with no base (a created row, most of a full bundle) is
    /// copied without reading its value.
    pub fn push_raw(&mut self, e: RawEntry) -> std::io::Result<()> {
        if e.base != "[]" || e.seen.is_some() {
            return self.push(&e.parse());
        }
        let site = self.site_index(&e.site);
        let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let field = e
            .field
            .as_deref()
            .map(text)
            .unwrap_or_else(|| "null".into());
        let line = format!(
            "[{site},{},{},{},{},{},{field},{},[],null]\n",
            e.seq,
            e.clock,
            text(&e.officer),
            text(&e.table),
            text(&e.row),
            e.value
        );
        *self.counts.entry(e.table).or_default() += 1;
        self.entries += 1;
        self.encoder.write_all(line.as_bytes())
    }

    /// One entry, as `[site, seq, clock, officer, table, row, field, value, base, seen]`
    /// (sites as indexes into the first line; a created row's value as an array in the
    /// manifest's field order).
    pub fn push(&mut self, e: &Entry) -> std::io::Result<()> {
        let site = self.site_index(&e.site);
        // A created row whose fields are exactly its table's goes as an array; any other
        // (a table or field of another build) as the object it is.
        let value = match (&e.field, changelog::spec(&e.table), e.value.as_object()) {
            (None, Some(spec), Some(obj))
                if obj.len() == spec.field_names().len()
                    && spec.field_names().iter().all(|f| obj.contains_key(*f)) =>
            {
                Value::Array(
                    spec.field_names()
                        .iter()
                        .map(|f| obj.get(*f).cloned().unwrap_or(Value::Null))
                        .collect(),
                )
            }
            _ => e.value.clone(),
        };
        let mut index = |s: &str| self.site_index(s);
        let base = ids_value(&e.base, &mut index);
        let seen = e.seen.as_ref().map(|seen| {
            Value::Object(
                seen.iter()
                    .map(|(f, ids)| (f.clone(), ids_value(ids, &mut index)))
                    .collect(),
            )
        });
        let line = Value::Array(vec![
            Value::from(site),
            Value::from(e.seq),
            Value::from(e.clock),
            Value::from(e.officer.as_str()),
            Value::from(e.table.as_str()),
            Value::from(e.row.as_str()),
            e.field.as_deref().map(Value::from).unwrap_or(Value::Null),
            value,
            base,
            seen.unwrap_or(Value::Null),
        ]);
        *self.counts.entry(e.table.clone()).or_default() += 1;
        self.entries += 1;
        serde_json::to_writer(&mut self.encoder, &line)?;
        self.encoder.write_all(b"\n")
    }

    /// The finished file bytes (encrypted when a passphrase is given) and the manifest they
    /// carry.
    pub fn finish(
        self,
        mut manifest: Manifest,
        passphrase: Option<&str>,
    ) -> Result<(Vec<u8>, Manifest), SyncError> {
        let EntryWriter {
            mut encoder,
            site_list,
            counts,
            entries,
            ..
        } = self;
        // The site table goes last in the stream so entries could be written as they came.
        let sites_line =
            serde_json::to_vec(&site_list).map_err(|e| SyncError::Damaged(e.to_string()))?;
        encoder.write_all(&sites_line)?;
        let compressed = encoder.finish()?;
        manifest.counts = counts;
        manifest.entries = entries;
        let written = manifest;
        let manifest =
            serde_json::to_vec(&written).map_err(|e| SyncError::Damaged(e.to_string()))?;
        let mut out = Vec::with_capacity(compressed.len() + manifest.len() + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_be_bytes());
        out.extend_from_slice(&(manifest.len() as u32).to_be_bytes());
        out.extend_from_slice(&manifest);
        out.extend_from_slice(&(compressed.len() as u64).to_be_bytes());
        out.extend_from_slice(&compressed);
        let hash = Sha256::digest(&out);
        out.extend_from_slice(&hash);
        let out = match passphrase {
            Some(p) => encrypt(&out, p)?,
            None => out,
        };
        Ok((out, written))
    }
}

/// The scrypt work factor (2^N): about a second in a release build on an officer's laptop.
/// Debug builds (tests) use a small one; a bundle records its own, so both read either.
const WORK_FACTOR: u8 = if cfg!(debug_assertions) { 10 } else { 16 };

fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, SyncError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.to_owned().into());
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| SyncError::Damaged(e.to_string()))?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(out)
}

fn decrypt(data: &[u8], passphrase: Option<&str>) -> Result<Vec<u8>, SyncError> {
    let Some(passphrase) = passphrase else {
        return Err(SyncError::NeedsPassphrase);
    };
    let decryptor = age::Decryptor::new_buffered(data).map_err(|e| match e {
        age::DecryptError::Io(_) => SyncError::Truncated,
        _ => SyncError::NotABundle,
    })?;
    let mut identity = age::scrypt::Identity::new(passphrase.to_owned().into());
    identity.set_max_work_factor(22);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::Io(_) => SyncError::Truncated,
            age::DecryptError::InvalidHeader | age::DecryptError::InvalidMac => SyncError::Tampered,
            _ => SyncError::WrongPassphrase,
        })?;
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|_| SyncError::Tampered)?;
    Ok(plain)
}

/// Whether the bytes are an encrypted bundle (the passphrase is needed).
pub fn is_encrypted(data: &[u8]) -> bool {
    data.starts_with(AGE_MAGIC)
}

fn be<const N: usize>(data: &[u8], at: usize) -> Result<[u8; N], SyncError> {
    data.get(at..at + N)
        .and_then(|s| s.try_into().ok())
        .ok_or(SyncError::Truncated)
}

/// The manifest and the compressed entries, checked: magic, format, lengths, hash.
fn open_plain(data: &[u8]) -> Result<(Manifest, &[u8]), SyncError> {
    if data.len() < MAGIC.len() || &data[..MAGIC.len()] != MAGIC {
        return Err(SyncError::NotABundle);
    }
    let format = u16::from_be_bytes(be(data, 8)?);
    if format > FORMAT {
        return Err(SyncError::NewerFormat {
            found: format,
            supported: FORMAT,
        });
    }
    let manifest_len = u32::from_be_bytes(be(data, 10)?) as usize;
    let manifest_end = 14usize
        .checked_add(manifest_len)
        .ok_or(SyncError::Truncated)?;
    let entries_len = u64::from_be_bytes(be(data, manifest_end)?) as usize;
    let entries_start = manifest_end + 8;
    let end = entries_start
        .checked_add(entries_len)
        .ok_or(SyncError::Tampered)?;
    if data.len() < end + 32 {
        return Err(SyncError::Truncated);
    }
    if data.len() > end + 32 || Sha256::digest(&data[..end]).as_slice() != &data[end..] {
        return Err(SyncError::Tampered);
    }
    let manifest: Manifest = serde_json::from_slice(&data[14..manifest_end])
        .map_err(|e| SyncError::Damaged(e.to_string()))?;
    Ok((manifest, &data[entries_start..end]))
}

/// Only the manifest (for a quick look before the passphrase or the preview).
pub fn read_manifest(data: &[u8], passphrase: Option<&str>) -> Result<Manifest, SyncError> {
    if is_encrypted(data) {
        let plain = decrypt(data, passphrase)?;
        return Ok(open_plain(&plain)?.0);
    }
    Ok(open_plain(data)?.0)
}

/// Reads a whole bundle; every refusal names why (see [`SyncError`]).
pub fn read_bundle(data: &[u8], passphrase: Option<&str>) -> Result<Bundle, SyncError> {
    let plain;
    let data = if is_encrypted(data) {
        plain = decrypt(data, passphrase)?;
        &plain[..]
    } else {
        data
    };
    let (manifest, compressed) = open_plain(data)?;
    let mut text = Vec::new();
    flate2::read::DeflateDecoder::new(compressed)
        .read_to_end(&mut text)
        .map_err(|e| SyncError::Damaged(e.to_string()))?;
    let damaged = |what: &str| SyncError::Damaged(what.to_owned());
    let mut lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
    let sites_line = lines.pop().ok_or_else(|| damaged("no site table"))?;
    let sites: Vec<String> =
        serde_json::from_slice(sites_line).map_err(|e| SyncError::Damaged(e.to_string()))?;
    let by_name = fields_by_name(&manifest);
    let mut entries = Vec::with_capacity(lines.len());
    for line in lines {
        let v: Line =
            serde_json::from_slice(line).map_err(|e| SyncError::Damaged(e.to_string()))?;
        entries.push(entry_of(v, &sites, &by_name).ok_or_else(|| damaged("an entry"))?);
    }
    if entries.len() != manifest.entries {
        return Err(damaged("entry count"));
    }
    Ok(Bundle { manifest, entries })
}

fn ids_of(v: &Value, sites: &[String]) -> Option<Vec<VersionId>> {
    v.as_array()?
        .iter()
        .map(|p| {
            let site = sites.get(p.get(0)?.as_u64()? as usize)?.clone();
            Some((site, p.get(1)?.as_i64()?))
        })
        .collect()
}

/// One entry's line: `[site, seq, clock, officer, table, row, field, value, base, seen]`.
type Line = (
    usize,
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    Value,
    Value,
    Value,
);

/// Per table: how many fields the sender registered, and each name with its place.
type FieldsByName<'m> = BTreeMap<&'m str, (usize, Vec<(&'m str, usize)>)>;

/// Per table of the manifest, its fields in name order with their place in a created row's
/// values, made once per bundle: a row's fields are then put in order without sorting them
/// again for each row.
fn fields_by_name(manifest: &Manifest) -> FieldsByName<'_> {
    let mut out = BTreeMap::new();
    for (table, names) in &manifest.tables {
        let mut sorted: Vec<(&str, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        sorted.sort_unstable();
        out.insert(table.as_str(), (names.len(), sorted));
    }
    out
}

fn entry_of(line: Line, sites: &[String], by_name: &FieldsByName) -> Option<Entry> {
    let (site, seq, clock, officer, table, row, field, value, base, seen) = line;
    let value = match (&field, value) {
        (None, Value::Array(mut values)) => {
            // An older sender's registration may be shorter; never longer.
            let (count, names) = by_name.get(table.as_str())?;
            if *count < values.len() {
                return None;
            }
            let n = values.len();
            // Of a name given twice, the later value stays, as it would in a map filled in
            // the values' order.
            let fields: Vec<(String, Value)> = (names.iter().filter(|(_, i)| *i < n))
                .map(|(name, i)| ((*name).to_owned(), std::mem::take(&mut values[*i])))
                .collect();
            Value::Object(fields.into_iter().collect())
        }
        (_, other) => other,
    };
    let seen = match &seen {
        Value::Null => None,
        Value::Object(m) => Some(
            m.iter()
                .map(|(f, ids)| Some((f.clone(), ids_of(ids, sites)?)))
                .collect::<Option<BTreeMap<_, _>>>()?,
        ),
        _ => return None,
    };
    Some(Entry {
        site: sites.get(site)?.clone(),
        seq,
        clock,
        officer,
        table,
        row,
        field,
        value,
        base: ids_of(&base, sites)?,
        seen,
    })
}
