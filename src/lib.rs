//! claimdesk: a fact-check workspace. The library holds extraction, checks and storage;
//! the `claimdesk` binary only drives it.

pub mod app;
pub mod check;
pub mod claimreview;
pub mod cli;
pub mod error;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod report;
pub mod serve;
pub mod store;
mod word_set;

/// jemalloc, not glibc's malloc: claims are made on one thread and freed on another, which
/// glibc pays for with a lock on the making thread's arena at every free (a claim-dense
/// `extract` spent 15% of its time in malloc and free; with jemalloc it runs 11% faster).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// The options jemalloc reads as it starts (its own weak default is no options).
/// `oversize_threshold`: blocks of 128 KB and more (a long article's body, a growing list)
/// come from an arena that gives memory back as soon as it is freed, as glibc's mmap does;
/// kept for reuse, they raised a 4 MB article's peak from 31 to 35 MB.
/// `narenas:1`: one arena for all threads, not four per core. A thread that ends while no
/// other thread shares its arena purges all of that arena's free pages, each purge a TLB
/// flush on every core; and `extract`'s writer frees the claims its reader made, blocks
/// that one arena keeps for either thread's next request (with two, they went back to the
/// reader's: the likely reason for the gain, not measured apart). Against two arenas,
/// claim-dense `extract` ran 2-3% faster (1 MB: 21.7 ms instead of 22.2; 16.8 MB: 266
/// instead of 272) with the same peak (42 MB: 161 MB), and bulk ingest as fast. (Against
/// four per core, two arenas had saved 3%.)
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: JemallocOptions =
    JemallocOptions(c"oversize_threshold:131072,narenas:1".as_ptr());

/// A C string pointer jemalloc reads once at start: immutable, so shared safely.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[repr(transparent)]
struct JemallocOptions(*const std::ffi::c_char);

// SAFETY: it points at a string literal, never written.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe impl Sync for JemallocOptions {}
