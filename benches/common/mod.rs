//! Shared by the benchmarks: a generated site of French news posts, the
//! same posts already translated (identity) and approved, and a child
//! process timed with its peak RSS sampled.
//!
//! Generation is deterministic: post `i` is the same text on every run and
//! every machine (a fixed PRNG seeded with `i`, not `fastrand`, whose
//! sequence may change between versions).
#![allow(dead_code)]

use relais::base::config::Config;
use relais::base::digest::hash;
use relais::base::store::Store;
use relais::fluent::text::message_text;
use relais::mt::engine::cache::Cache;
use relais::mt::engine::{self, Pair, Translation};
use relais::mt::glossary::Glossary;
use relais::mt::units::{self, Units};
use relais::review::state::{Approval, MachineText, MessageRecord, TargetRecord};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The target locales of generated sites.
pub(crate) const TARGETS: [&str; 2] = ["en", "es"];

/// A folder for generated sites under the target directory (kept out of
/// git, and on the same disk as the build rather than a tmpfs).
pub(crate) fn site_dir() -> tempfile::TempDir {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&base).expect("target tmp dir");
    tempfile::tempdir_in(base).expect("temp dir")
}

/// Which posts a generated site has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Corpus {
    /// Every post its own text ([`post`]).
    Bench,
    /// A numbered series cut from a handful of long posts: the same
    /// paragraphs over and over, one line new per post ([`series_post`]).
    Series,
}

impl Corpus {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Corpus::Bench => "bench",
            Corpus::Series => "series",
        }
    }

    /// `RELAIS_BENCH_CORPORA` (`bench,series` unless set).
    pub(crate) fn from_env() -> Vec<Corpus> {
        let list = std::env::var("RELAIS_BENCH_CORPORA").unwrap_or_else(|_| "bench,series".into());
        list.split(',')
            .map(|c| match c.trim() {
                "bench" => Corpus::Bench,
                "series" => Corpus::Series,
                other => panic!("RELAIS_BENCH_CORPORA: `{other}` is neither bench nor series"),
            })
            .collect()
    }

    fn post(self, i: usize) -> String {
        match self {
            Corpus::Bench => post(i),
            Corpus::Series => series_post(i),
        }
    }
}

/// Writes `relais.toml` (Apertium on a port where nothing listens: the
/// benchmarks never need an engine), the repository's glossary, and `n`
/// posts.
pub(crate) fn write_site(root: &Path, n: usize) {
    write_site_of(root, n, Corpus::Bench);
}

/// [`write_site`] with the posts of `corpus`.
pub(crate) fn write_site_of(root: &Path, n: usize, corpus: Corpus) {
    let targets: Vec<String> = TARGETS.iter().map(|t| format!("\"{t}\"")).collect();
    std::fs::write(
        root.join("relais.toml"),
        format!(
            "source = \"fr\"\ntargets = [{}]\n[engine]\nkind = \"apertium\"\nurl = \"http://127.0.0.1:9\"\n",
            targets.join(", ")
        ),
    )
    .unwrap();
    let glossary = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.toml");
    std::fs::copy(glossary, root.join("glossary.toml")).unwrap();
    write_posts_of(root, n, corpus);
}

/// Writes posts `0..n` into `posts/`.
pub(crate) fn write_posts(root: &Path, n: usize) {
    write_posts_of(root, n, Corpus::Bench);
}

fn write_posts_of(root: &Path, n: usize, corpus: Corpus) {
    std::fs::create_dir_all(root.join("posts")).unwrap();
    for i in 0..n {
        std::fs::write(root.join("posts").join(post_name(i)), corpus.post(i)).unwrap();
    }
}

/// Long posts a series is cut from.
const SERIES_BASES: usize = 4;

/// Post `i` of a series: the body of one of [`SERIES_BASES`] long posts
/// (each three generated posts end to end), after one paragraph new to
/// this post; its own title and date.
pub(crate) fn series_post(i: usize) -> String {
    let base = i % SERIES_BASES;
    let body: String = (0..3)
        .map(|k| {
            let text = post(1_000_000 + base * 3 + k);
            let at = text.find("\n---\n").expect("front matter") + 5;
            text[at..].to_string()
        })
        .collect();
    let mut r = Rng(i as u64);
    format!(
        "---\ntitle: \"Chronique n° {i} : {}\"\ndate: 2024-{:02}-{:02}\nsummary: \"La suite de notre chronique des partenaires.\"\nauthor: Équipe PARTAGE\n---\n\nÉpisode {i} : {}\n{body}",
        r.pick(&OBJECTS),
        i % 12 + 1,
        i % 28 + 1,
        sentence(&mut r, i),
    )
}

pub(crate) fn post_name(i: usize) -> String {
    format!("2024-{:02}-{:02}-actualite-{i}.md", i % 12 + 1, i % 28 + 1)
}

/// splitmix64: small, fast, and fixed forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SUBJECTS: [&str; 12] = [
    "La délégation de KEOOGO",
    "Les monitrices du Dispensaire Trottoir",
    "L’équipe de MAEECHA",
    "Nos partenaires de RACINES",
    "Le comité de pilotage",
    "Les familles du quartier",
    "La directrice de l’école maternelle",
    "Les bénévoles de PARTAGE",
    "Les élèves de la classe de CM2",
    "Une assistante sociale de l’INEPE",
    "Le réseau des parrains et marraines",
    "L’association des jeunes mères",
];

const VERBS: [&str; 10] = [
    "a présenté",
    "a organisé",
    "a accueilli",
    "a préparé",
    "a lancé",
    "a visité",
    "a financé",
    "a partagé",
    "accompagne depuis des mois",
    "a évalué",
];

const OBJECTS: [&str; 12] = [
    "un atelier de lecture pour les tout-petits",
    "les résultats de l’enquête annuelle",
    "une formation sur les droits de l’enfant",
    "un nouveau programme de parrainage",
    "la distribution de fournitures scolaires",
    "le jardin agroécologique de l’école",
    "une campagne de sensibilisation contre le travail des enfants",
    "les recommandations du rapport d’activité",
    "la rénovation de deux salles de classe",
    "un projet de cantine scolaire",
    "des séances de soutien scolaire",
    "la fabrication de jouets avec des matériaux locaux",
];

const PLACES: [&str; 10] = [
    "à Ouagadougou",
    "à Bobo-Dioulasso",
    "à Antananarivo",
    "dans le quartier de Tanghin",
    "avec le soutien de la mairie",
    "pendant les vacances scolaires",
    "en partenariat avec l’INEPE",
    "dans trois villages de la région",
    "au centre d’accueil de jour",
    "malgré la saison des pluies",
];

const MONTHS: &str =
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre";

const HEADINGS: [&str; 8] = [
    "Une semaine d’échanges",
    "Ce que les équipes retiennent",
    "Des suites concrètes",
    "Les chiffres de l’année",
    "La parole aux enfants",
    "Un projet porté par les familles",
    "Et maintenant ?",
    "Comment nous aider",
];

const NAMES: [&str; 6] = [
    "Aminata, monitrice à KEOOGO",
    "Rasoa, directrice d’école",
    "Issa, 12 ans",
    "Mariam, mère d’élève",
    "Jean-Baptiste, bénévole de PARTAGE",
    "Fatou, assistante sociale",
];

/// One sentence with numbers from the post, so texts differ across posts.
fn sentence(r: &mut Rng, i: usize) -> String {
    let mut object = r.pick(&OBJECTS).to_string();
    match r.below(4) {
        0 => object = format!("*{object}*"),
        1 => {
            object = format!(
                "[{object}](https://partage.example/actions/{i}-{})",
                r.below(90)
            )
        }
        _ => {}
    }
    let tail = match r.below(4) {
        0 => format!(
            "le {} {} {}",
            r.below(28) + 1,
            MONTHS.split(' ').nth(r.below(12)).unwrap(),
            2020 + r.below(6)
        ),
        1 => format!("pour **{} enfants**", 20 + r.below(600)),
        2 => format!("depuis {} ans", 2 + r.below(20)),
        _ => format!("(dossier n° {i}-{})", r.below(1000)),
    };
    format!(
        "{} {} {} {} {tail}.",
        r.pick(&SUBJECTS),
        r.pick(&VERBS),
        object,
        r.pick(&PLACES)
    )
}

fn paragraph(r: &mut Rng, i: usize) -> String {
    let n = 2 + r.below(3);
    (0..n).map(|_| sentence(r, i)).collect::<Vec<_>>().join(" ")
}

/// Post `i`: front matter, an introduction, then two to four sections of
/// headings, paragraphs, lists, quotes and images, and a closing call
/// shared by every post.
pub(crate) fn post(i: usize) -> String {
    let mut r = Rng(i as u64);
    let mut out = format!(
        "---\ntitle: \"{} : {}\"\ndate: 2024-{:02}-{:02}\nsummary: \"{}\"\nauthor: Équipe PARTAGE\ntags:\n  - {}\n  - actualités\nimage: /images/{i}.jpg\n---\n\n{}\n\n",
        r.pick(&SUBJECTS),
        r.pick(&OBJECTS),
        i % 12 + 1,
        i % 28 + 1,
        sentence(&mut r, i),
        r.pick(&["Burkina Faso", "Madagascar", "Mali", "Sénégal"]),
        paragraph(&mut r, i),
    );
    for _ in 0..2 + r.below(3) {
        out.push_str(&section(&mut r, i));
    }
    out.push_str("Pour soutenir nos actions, [faites un don](https://partage.example/don) ou devenez **parrain**.\n");
    out
}

fn section(r: &mut Rng, i: usize) -> String {
    let mut out = format!("## {}\n\n{}\n\n", r.pick(&HEADINGS), paragraph(r, i));
    if r.chance(50) {
        let items: Vec<String> = (0..3 + r.below(3))
            .map(|_| format!("- {} ;", sentence(r, i).trim_end_matches('.')))
            .collect();
        out.push_str(&format!("{}\n\n", items.join("\n")));
    }
    if r.chance(35) {
        out.push_str(&format!(
            "> « {} »\n>\n> — {}\n\n",
            paragraph(r, i),
            r.pick(&NAMES)
        ));
    }
    if r.chance(30) {
        out.push_str(&format!(
            "![{} {}](/images/{i}-{}.jpg \"Photo PARTAGE\")\n\n",
            r.pick(&SUBJECTS),
            r.pick(&PLACES),
            r.below(10)
        ));
    }
    if r.chance(30) {
        out.push_str(&format!(
            "### {}\n\n1. {}\n2. {}\n\n",
            r.pick(&HEADINGS),
            sentence(r, i),
            sentence(r, i)
        ));
    }
    out.push_str(&format!("{}\n\n", paragraph(r, i)));
    out
}

/// Every post translated into every target locale with its French text
/// (identity machine text, then approved), its target record written
/// through the store, and
/// the translation cache holding every segment (what an engine run would
/// have left). Also writes the French bundles and source records.
pub(crate) fn translate_all(root: &Path) {
    let cfg = Config::load(root).unwrap();
    let read = relais::source::read::read_all(&cfg, &[]);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let store = Store::new(cfg.state_dir());
    let batch = store.batch();
    for source in &read.sources {
        relais::source::read::write_french(&cfg, &store, source, &batch).unwrap();
    }
    batch.finish().unwrap();
    let glossary = Glossary::load(root).unwrap();
    let mut cache = Cache::load(&relais::mt::translate::cache_dir(&cfg)).unwrap();
    engine::cache::ensure_dir(&relais::mt::translate::cache_dir(&cfg)).unwrap();
    for locale in &cfg.targets {
        let plurals = relais::fluent::refs::plural_categories(locale);
        let terms = glossary.terms(locale);
        let pair = Pair {
            source: cfg.source.clone(),
            target: locale.clone(),
        };
        let scope = engine::scope(cfg.engine_for(locale), &pair, &glossary);
        let mut answers = Vec::new();
        for src in &read.sources {
            let target = units::Target {
                syntax: src.syntax,
                ref_defs: &src.ref_defs,
                plurals: &plurals,
                terms: &terms,
            };
            for m in &src.messages {
                for text in Units::plan(m, target).texts() {
                    answers.push((Cache::key(&scope, text), Translation::plain(text.into())));
                }
            }
            write_target(root, &store, src, &locale.to_string());
        }
        cache.append(answers).unwrap();
    }
}

/// The target bundle (the French text) and the approved record of `src`.
fn write_target(root: &Path, store: &Store, src: &relais::source::read::Source, locale: &str) {
    let french = relais::fluent::ftl::write(&relais::fluent::ftl::Resource {
        comment: None,
        messages: src.messages.clone(),
    });
    let path = root.join(format!("locales/{locale}/{}.ftl", src.resource));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, french).unwrap();
    let mut record = TargetRecord {
        resource: src.resource.clone(),
        locale: locale.into(),
        ..Default::default()
    };
    let at = "2026-01-01T00:00:00Z";
    for m in &src.messages {
        let text = message_text(m);
        let h = hash(&text);
        let mut rec = MessageRecord {
            source: text.clone(),
            source_hash: h.clone(),
            ..Default::default()
        };
        rec.log(at, "machine", &text);
        rec.machine = Some(MachineText {
            text: text.clone(),
            hash: h.clone(),
            source_hash: h.clone(),
            engine: "apertium".into(),
            pivot: None,
            model: None,
            at: at.into(),
            unknown: Vec::new(),
            memory: None,
        });
        rec.log_by(at, "approved", Some("Bench"), &text);
        rec.approve(Approval {
            reviewer: "Bench".into(),
            at: at.into(),
            source_hash: h.clone(),
            translation_hash: h,
        });
        record.messages.insert(m.id.clone(), rec);
    }
    store
        .save(&store.path(locale, &src.resource), &record)
        .unwrap();
}

/// A finished child process.
pub(crate) struct Run {
    pub(crate) wall: Duration,
    /// User + system CPU time: less disturbed than the wall time by other
    /// work on a shared machine.
    pub(crate) cpu: Duration,
    /// Peak resident set (VmHWM), KiB.
    pub(crate) peak_kib: u64,
    pub(crate) stdout: String,
}

/// Runs `cmd` to completion, sampling its peak RSS (VmHWM) every 2 ms;
/// panics when it fails.
pub(crate) fn run(cmd: &mut Command) -> Run {
    let cpu_before = children_cpu();
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?} does not start: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || read_all(&mut out));
    let err_reader = std::thread::spawn(move || read_all(&mut err));
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        peak = peak.max(vm_hwm(&status_path).unwrap_or(0));
        if let Some(st) = child.try_wait().expect("wait") {
            let wall = start.elapsed();
            let stdout = reader.join().unwrap();
            let stderr = err_reader.join().unwrap();
            assert!(
                st.success(),
                "{:?} failed ({st}):\n{stderr}",
                cmd.get_program()
            );
            return Run {
                wall,
                cpu: children_cpu() - cpu_before,
                peak_kib: peak,
                stdout,
            };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// CPU time of every child waited for so far (the bench runs one at a time).
fn children_cpu() -> Duration {
    cpu_time(libc::RUSAGE_CHILDREN)
}

/// CPU time of this process so far.
pub(crate) fn own_cpu() -> Duration {
    cpu_time(libc::RUSAGE_SELF)
}

fn cpu_time(who: libc::c_int) -> Duration {
    // SAFETY: getrusage fills the struct it is given and keeps no pointer.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    };
    let t = |tv: libc::timeval| Duration::new(tv.tv_sec as u64, tv.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

fn read_all(r: &mut impl std::io::Read) -> String {
    let mut s = String::new();
    r.read_to_string(&mut s).unwrap();
    s
}

fn vm_hwm(status_path: &str) -> Option<u64> {
    let status = std::fs::read_to_string(status_path).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The best (shortest) wall and CPU times of `n` runs, the highest peak
/// RSS, and the output of the fastest.
pub(crate) fn best_of(n: usize, mut f: impl FnMut() -> Run) -> Run {
    let mut best: Option<Run> = None;
    let (mut peak, mut cpu) = (0, Duration::MAX);
    for _ in 0..n {
        let r = f();
        peak = peak.max(r.peak_kib);
        cpu = cpu.min(r.cpu);
        if best.as_ref().is_none_or(|b| r.wall < b.wall) {
            best = Some(r);
        }
    }
    let mut best = best.expect("at least one run");
    best.peak_kib = peak;
    best.cpu = cpu;
    best
}

/// `relais -C root args…` (the release binary the bench was built with).
pub(crate) fn relais(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relais"));
    cmd.arg("-C").arg(root).args(args);
    cmd
}

/// The 1-minute load average, as `uptime` shows it.
pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
