//! `thidua bench`: how long the heavy work takes on this machine, against what a technical
//! user would reach for instead, printed as a table (or JSON).
//!
//! Every measured step runs as its own process (this same program, Python, LibreOffice), so
//! its peak memory is the child's own maximum resident size (`wait4`), and its time includes
//! starting up, as the clerk or a script would see it. The data is made in the run: the demo
//! office (`--scale large`: ten years, 3,000 people), the member units' award lists, one long
//! list. Baselines whose program is not installed are listed as not measured.

use crate::output::{pad, Out};
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use thidua_core::{Error, Result};

/// The baseline script, shipped in the binary so the bench runs from any directory.
const OPENPYXL_SCRIPT: &str = include_str!("../../../../tests/bench/openpyxl_import.py");

#[derive(Args)]
pub struct BenchArgs {
    /// small: dữ liệu mẫu thường, 4 tệp đơn vị, danh sách 500 dòng (vài giây);
    /// large: 10 năm, 3.000 người, 200 tệp đơn vị, danh sách 200.000 dòng
    #[arg(long, default_value = "small")]
    scale: String,
    /// Thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)
    #[arg(long, value_name = "THƯ MỤC")]
    dir: Option<PathBuf>,
    /// Không chạy các phép so sánh (Python + openpyxl, LibreOffice)
    #[arg(long)]
    no_baselines: bool,
}

struct Scale {
    name: &'static str,
    files: usize,
    long_rows: usize,
}

/// The year of the lists and of the roll-up: the last complete year of the demo data.
const YEAR: i32 = 2025;

/// One measured step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub key: String,
    pub label: String,
    /// Wall-clock time, start-up included.
    pub seconds: f64,
    /// User + system CPU time of the process and the children it waited for: steadier than
    /// the wall clock on a machine others share.
    pub cpu_seconds: Option<f64>,
    /// Maximum resident size of the step's process, MiB (None where the system cannot say).
    pub peak_mib: Option<f64>,
    /// Rows of data the step read or wrote, where that means something.
    pub rows: Option<u64>,
    pub note: String,
}

/// A baseline's time over ours, for the same work.
#[derive(Debug, Clone, Serialize)]
pub struct Ratio {
    pub label: String,
    pub ours: String,
    pub other: String,
    /// other ÷ ours: how many times faster we are (below 1: slower), by the wall clock.
    pub times: f64,
    /// The same by CPU time.
    pub cpu_times: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub scale: String,
    pub cores: usize,
    pub steps: Vec<Step>,
    pub ratios: Vec<Ratio>,
    /// Our import's time over the bare calamine parse of the same files, minus one.
    pub import_overhead: Vec<Ratio>,
    pub not_measured: Vec<String>,
    /// What each import brought in, to check the runs did the same work.
    pub imported: Vec<ImportedCounts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportedCounts {
    pub key: String,
    pub rows: u64,
    pub awards: u64,
    pub persons: u64,
    pub skipped: u64,
}

fn fault(what: &str, detail: impl std::fmt::Display) -> Error {
    Error::invalid("bench", format!("Đo hiệu năng: {what} thất bại: {detail}"))
}

/// What a child process left: its output, time and peak memory.
struct Finished {
    seconds: f64,
    cpu_seconds: Option<f64>,
    peak_mib: Option<f64>,
    stdout: String,
}

/// Runs `cmd` to its end, timing it and reading its peak memory from the kernel.
fn measure(what: &str, cmd: &mut Command) -> Result<Finished> {
    cmd.stdout(Stdio::piped());
    measure_within(what, cmd, None)
}

/// The same with the child's output written to `out` instead of read into this process: the
/// import of the long list reports 200,000 rows, and holding that report here would raise
/// this process's peak memory, which Linux then counts in the peak of every later child (the
/// parent's resident size at the spawn is inherited into the child's `ru_maxrss`).
fn measure_into(what: &str, cmd: &mut Command, out: &Path) -> Result<Finished> {
    let file = std::fs::File::create(out).map_err(|e| fault(what, e))?;
    cmd.stdout(file);
    measure_within(what, cmd, None)
}

/// The same, killing the child after `limit` (the app, which ends itself only when it
/// has been built with the start-up probe).
fn measure_within(
    what: &str,
    cmd: &mut Command,
    limit: Option<std::time::Duration>,
) -> Result<Finished> {
    // stdout is the caller's choice: a pipe read here, or a file (`measure_into`).
    cmd.stdin(Stdio::null()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| fault(what, e))?;
    let watchdog = limit.map(|limit| Watchdog::new(child.id(), limit));
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    // Read both pipes while the child runs, or a chatty child blocks on a full pipe.
    let out_reader = std::thread::spawn(move || read_all(out.as_mut()));
    let err_reader = std::thread::spawn(move || read_all(err.as_mut()));
    let waited = wait(&mut child);
    drop(watchdog);
    let (ok, cpu_seconds, peak_mib) = waited.map_err(|e| fault(what, e))?;
    let seconds = start.elapsed().as_secs_f64();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    if !ok {
        let tail: String = stderr.lines().rev().take(5).collect::<Vec<_>>().join(" | ");
        return Err(fault(what, tail));
    }
    Ok(Finished {
        seconds,
        cpu_seconds,
        peak_mib,
        stdout,
    })
}

/// Kills a child that is still running after its time limit; dropped once the child is
/// waited for, so it never signals a process id the system has given to another.
struct Watchdog {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Watchdog {
    fn new(pid: u32, limit: std::time::Duration) -> Watchdog {
        use std::sync::atomic::Ordering;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let seen = std::sync::Arc::clone(&done);
        std::thread::spawn(move || {
            let start = Instant::now();
            while !seen.load(Ordering::SeqCst) {
                if start.elapsed() > limit {
                    #[cfg(unix)]
                    // SAFETY: kill only sends a signal; the pid is our child, not yet waited
                    // for (the flag is set right after the wait, before the id can be reused).
                    unsafe {
                        libc::kill(pid as libc::pid_t, libc::SIGKILL);
                    }
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

fn read_all(pipe: Option<&mut impl std::io::Read>) -> String {
    let mut s = String::new();
    if let Some(p) = pipe {
        let _ = p.read_to_string(&mut s);
    }
    s
}

/// Waits for the child with `wait4`, which also gives its own resource use (the peak
/// resident size, in KiB on Linux and bytes on macOS).
#[cfg(unix)]
fn wait(child: &mut std::process::Child) -> std::io::Result<(bool, Option<f64>, Option<f64>)> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers to a status and a rusage this function owns; the pid is our
    // child's, not yet waited for.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if got != pid {
        return Err(std::io::Error::last_os_error());
    }
    let unit = if cfg!(target_os = "macos") {
        1024.0 * 1024.0
    } else {
        1024.0
    };
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = secs(usage.ru_utime) + secs(usage.ru_stime);
    Ok((ok, Some(cpu), Some(usage.ru_maxrss as f64 / unit)))
}

#[cfg(not(unix))]
fn wait(child: &mut std::process::Child) -> std::io::Result<(bool, Option<f64>, Option<f64>)> {
    Ok((child.wait()?.success(), None, None))
}

fn thidua() -> Result<Command> {
    let exe = std::env::current_exe().map_err(|e| fault("tìm chương trình thidua", e))?;
    Ok(Command::new(exe))
}

/// The Python that has openpyxl: `THIDUA_BENCH_PYTHON`, else `python3`, else the system's.
fn python() -> Option<String> {
    let candidates = std::env::var("THIDUA_BENCH_PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_string(), "/usr/bin/python3".to_string()]);
    for p in candidates {
        let ok = Command::new(&p)
            .args(["-c", "import openpyxl"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(p);
        }
    }
    None
}

fn soffice() -> Option<String> {
    let p = std::env::var("THIDUA_BENCH_SOFFICE").unwrap_or_else(|_| "soffice".into());
    Command::new(&p)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then_some(p)
}

fn json(what: &str, stdout: &str) -> Result<serde_json::Value> {
    serde_json::from_str(stdout).map_err(|e| fault(what, format!("kết quả không đọc được: {e}")))
}

fn number(v: &serde_json::Value, key: &str) -> u64 {
    v.get(key).and_then(serde_json::Value::as_u64).unwrap_or(0)
}

/// One file's result in `thidua import --json`; everything else in it (the rows, the
/// warnings) is skipped while reading, never held in memory.
#[derive(serde::Deserialize)]
struct FileResult {
    #[serde(default)]
    rows: u64,
    #[serde(default)]
    skipped: u64,
    #[serde(default)]
    imported: Option<ImportedResult>,
}

#[derive(serde::Deserialize)]
struct ImportedResult {
    #[serde(default)]
    awards: u64,
    #[serde(default)]
    persons: u64,
}

/// Adds up what `thidua import --json` wrote to `report` (one object, or an array of them).
fn import_counts(key: &str, report: &Path) -> Result<ImportedCounts> {
    let read = || {
        std::fs::File::open(report)
            .map(std::io::BufReader::new)
            .map_err(|e| fault("nhập", e))
    };
    let files: Vec<FileResult> = match serde_json::from_reader(read()?) {
        Ok(many) => many,
        Err(_) => vec![serde_json::from_reader(read()?)
            .map_err(|e| fault("nhập", format!("kết quả không đọc được: {e}")))?],
    };
    let mut c = ImportedCounts {
        key: key.into(),
        rows: 0,
        awards: 0,
        persons: 0,
        skipped: 0,
    };
    for f in files {
        c.rows += f.rows;
        c.skipped += f.skipped;
        if let Some(i) = f.imported {
            c.awards += i.awards;
            c.persons += i.persons;
        }
    }
    Ok(c)
}

pub fn run(args: BenchArgs, out: &Out) -> Result<()> {
    let scale = match args.scale.as_str() {
        "small" => Scale {
            name: "small",
            files: 4,
            long_rows: 500,
        },
        "large" => Scale {
            name: "large",
            files: 200,
            long_rows: 200_000,
        },
        other => {
            return Err(Error::invalid(
                "scale",
                format!("Quy mô \"{other}\" không hợp lệ (small, large)."),
            ))
        }
    };
    let temp;
    let dir = match &args.dir {
        Some(d) => {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
            d.clone()
        }
        None => {
            temp = TempDir::new()?;
            temp.0.clone()
        }
    };
    let report = bench(&scale, &dir, !args.no_baselines)?;
    if out.json {
        out.json_value(&report);
    } else {
        print_report(&report);
    }
    Ok(())
}

/// A working folder removed when the bench ends (the CLI has no tempfile dependency).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("thidua-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    files.sort();
    Ok(files)
}

fn bench(scale: &Scale, dir: &Path, baselines: bool) -> Result<Report> {
    let db = dir.join("bench.db");
    let lists = dir.join("don-vi");
    let long = dir.join("danh-sach-dai.xlsx");
    for old in [&db, &dir.join("openpyxl.db")] {
        let _ = std::fs::remove_file(old);
    }
    let _ = std::fs::remove_dir_all(&lists);
    let mut steps = Vec::new();
    let mut step = |key: &str, label: String, f: &Finished, rows: Option<u64>, note: String| {
        steps.push(Step {
            key: key.into(),
            label,
            seconds: f.seconds,
            cpu_seconds: f.cpu_seconds,
            peak_mib: f.peak_mib,
            rows,
            note,
        });
    };

    let f = measure(
        "tạo tệp",
        thidua()?
            .arg("demo-files")
            .arg("--out")
            .arg(&lists)
            .args(["--count", &scale.files.to_string()])
            .arg("--long")
            .arg(&long)
            .args(["--long-rows", &scale.long_rows.to_string()])
            .args(["--year", &YEAR.to_string()]),
    )?;
    step(
        "generate",
        format!(
            "Tạo {} tệp đơn vị + 1 danh sách {} dòng",
            scale.files, scale.long_rows
        ),
        &f,
        None,
        String::new(),
    );
    let unit_files = files_in(&lists)?;

    let f = measure(
        "dữ liệu mẫu",
        thidua()?
            .arg("--db")
            .arg(&db)
            .arg("--json")
            .arg("demo")
            .args(["--scale", scale.name]),
    )?;
    let demo = json("dữ liệu mẫu", &f.stdout)?;
    step(
        "demo",
        format!("Dữ liệu mẫu (demo --scale {})", scale.name),
        &f,
        None,
        format!(
            "{} người, {} khen thưởng, {} năm",
            number(&demo, "persons"),
            number(&demo, "awards"),
            demo.get("years")
                .and_then(|y| y.as_array())
                .map_or(0, Vec::len)
        ),
    );

    let mut ratios = Vec::new();
    let mut overhead = Vec::new();
    let mut imported = Vec::new();
    let mut not_measured = Vec::new();
    let python = if baselines { python() } else { None };
    let soffice = if baselines { soffice() } else { None };
    if baselines && python.is_none() {
        not_measured.push(
            "Python + openpyxl (không có python3 với openpyxl; đặt THIDUA_BENCH_PYTHON)".into(),
        );
    }
    if baselines && soffice.is_none() {
        not_measured.push("LibreOffice (không có soffice; đặt THIDUA_BENCH_SOFFICE)".into());
    }
    let script = dir.join("openpyxl_import.py");
    std::fs::write(&script, OPENPYXL_SCRIPT).map_err(|e| Error::io(&script, e))?;
    let lo_profile = dir.join("lo-profile");
    if let Some(so) = &soffice {
        // The first start of LibreOffice builds its profile; not part of any conversion.
        measure(
            "khởi tạo LibreOffice",
            Command::new(so)
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    lo_profile.display()
                ))
                .args(["--headless", "--terminate_after_init"]),
        )?;
    }

    let jobs: [(&str, String, Vec<PathBuf>); 2] = [
        (
            "files",
            format!("{} tệp đơn vị", unit_files.len()),
            unit_files.clone(),
        ),
        (
            "long",
            format!("danh sách {} dòng", scale.long_rows),
            vec![long.clone()],
        ),
    ];
    for (key, what, files) in jobs {
        let f = measure("đọc trần", thidua()?.arg("bench-parse").args(&files))?;
        let cells = json("đọc trần", &f.stdout)?;
        let parse = (f.seconds, f.cpu_seconds);
        step(
            &format!("{key}.parse"),
            format!("Đọc trần {what} (calamine)"),
            &f,
            None,
            format!("{} ô", number(&cells, "cells")),
        );
        let report = dir.join(format!("nhap-{key}.json"));
        let f = measure_into(
            "nhập",
            thidua()?
                .arg("--db")
                .arg(&db)
                .arg("--json")
                .arg("import")
                .arg("--skip-invalid")
                .args(&files),
            &report,
        )?;
        let counts = import_counts(key, &report)?;
        let ours = (f.seconds, f.cpu_seconds);
        step(
            &format!("{key}.import"),
            format!("Nhập {what} (thidua import)"),
            &f,
            Some(counts.rows),
            format!(
                "{} khen thưởng, {} người mới, {} dòng bỏ qua",
                counts.awards, counts.persons, counts.skipped
            ),
        );
        imported.push(counts);
        overhead.push(Ratio {
            label: format!("Nhập {what}: phần thêm so với đọc trần"),
            ours: format!("{key}.import"),
            other: format!("{key}.parse"),
            times: ours.0 / parse.0 - 1.0,
            cpu_times: ratio(ours.1, parse.1).map(|r| r - 1.0),
        });
        if let Some(py) = &python {
            let target = dir.join(format!("openpyxl-{key}.db"));
            let _ = std::fs::remove_file(&target);
            let f = measure(
                "openpyxl",
                Command::new(py).arg(&script).arg(&target).args(&files),
            )?;
            let rows = number(&json("openpyxl", &f.stdout)?, "rows");
            step(
                &format!("{key}.openpyxl"),
                format!("Python + openpyxl → SQLite, {what}"),
                &f,
                Some(rows),
                "không đối chiếu người, không đổi TCVN3".into(),
            );
            ratios.push(Ratio {
                label: format!("openpyxl ÷ thidua, {what}"),
                ours: format!("{key}.import"),
                other: format!("{key}.openpyxl"),
                times: f.seconds / ours.0,
                cpu_times: ratio(f.cpu_seconds, ours.1),
            });
        }
        if let Some(so) = &soffice {
            let csv = dir.join(format!("csv-{key}"));
            let _ = std::fs::remove_dir_all(&csv);
            let f = measure(
                "LibreOffice",
                Command::new(so)
                    .arg(format!(
                        "-env:UserInstallation=file://{}",
                        lo_profile.display()
                    ))
                    .args(["--headless", "--convert-to", "csv", "--outdir"])
                    .arg(&csv)
                    .args(&files),
            )?;
            let written = files_in_ext(&csv, "csv");
            step(
                &format!("{key}.libreoffice"),
                format!("LibreOffice → CSV, {what}"),
                &f,
                None,
                format!("{written} tệp CSV, chưa ghi vào cơ sở dữ liệu"),
            );
            ratios.push(Ratio {
                label: format!("LibreOffice ÷ thidua, {what}"),
                ours: format!("{key}.import"),
                other: format!("{key}.libreoffice"),
                times: f.seconds / ours.0,
                cpu_times: ratio(f.cpu_seconds, ours.1),
            });
        }
    }

    let rollup = dir.join(format!("tong-hop-{YEAR}.xlsx"));
    let f = measure(
        "xuất tổng hợp",
        thidua()?
            .arg("--db")
            .arg(&db)
            .arg("--json")
            .args(["export", "rollup", "--year", &YEAR.to_string(), "--out"])
            .arg(&rollup),
    )?;
    let summary = json("xuất tổng hợp", &f.stdout)?;
    let records = number(&summary, "records");
    step(
        "rollup",
        format!("Xuất bảng tổng hợp năm {YEAR} (Excel)"),
        &f,
        Some(records),
        format!("{records} dòng dữ liệu"),
    );
    let f = measure(
        "thống kê",
        thidua()?
            .arg("--db")
            .arg(&db)
            .arg("--json")
            .args(["stats", "--year", &YEAR.to_string()]),
    )?;
    let stats = json("thống kê", &f.stdout)?;
    let given = stats
        .get("current")
        .map(|c| {
            ["danh_hieu", "hinh_thuc"]
                .iter()
                .map(|k| c.get(*k).map_or(0, |v| number(v, "total")))
                .sum::<u64>()
        })
        .unwrap_or(0);
    step(
        "stats",
        format!("Thống kê năm {YEAR} (stats)"),
        &f,
        Some(given),
        format!("{given} lượt khen thưởng"),
    );
    let pdf = dir.join(format!("bao-cao-tong-ket-{YEAR}.pdf"));
    let f = measure(
        "báo cáo PDF",
        thidua()?
            .arg("--db")
            .arg(&db)
            .arg("--json")
            .args(["report", "--kind", "tong-ket", "--year", &YEAR.to_string()])
            .arg("--out")
            .arg(&pdf),
    )?;
    let written = json("báo cáo PDF", &f.stdout)?;
    step(
        "report.pdf",
        format!("Báo cáo tổng kết năm {YEAR} ra PDF (report)"),
        &f,
        None,
        format!(
            "{} trang, {} KiB",
            number(&written, "pages"),
            number(&written, "bytes") / 1024
        ),
    );
    let persons = count_persons(&db)?;
    let mut slowest: Option<Finished> = None;
    for query in ["nguyen van an", "tran thi lan", "hoa"] {
        let f = measure(
            "tìm kiếm",
            thidua()?
                .arg("--db")
                .arg(&db)
                .arg("--json")
                .args(["search", query]),
        )?;
        json("tìm kiếm", &f.stdout)?;
        if slowest.as_ref().is_none_or(|s| f.seconds > s.seconds) {
            slowest = Some(f);
        }
    }
    if let Some(f) = slowest {
        step(
            "search",
            format!("Tìm kiếm trong {persons} người (chậm nhất của 3 lần)"),
            &f,
            None,
            "gồm khởi động chương trình".into(),
        );
    }
    match startup(&db, dir)? {
        Ok((first, f)) => step(
            "startup",
            "Khởi động ứng dụng tới màn hình đầu (lần thứ hai trong ngày)".into(),
            &f,
            None,
            format!(
                "lần đầu trong ngày {:.2} s (gồm bản sao lưu tự động); bộ nhớ: tiến trình lớn nhất",
                first.seconds
            ),
        ),
        Err(why) => not_measured.push(format!("Khởi động ứng dụng tới màn hình đầu ({why})")),
    }
    Ok(Report {
        scale: scale.name.into(),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        steps,
        ratios,
        import_overhead: overhead,
        not_measured,
        imported,
    })
}

/// The app (`thidua-app` beside this program, as a build of the workspace leaves it) started
/// twice on a copy of the bench's data file with `THIDUA_STARTUP_PROBE`, under its own Xvfb
/// when there is no display: it ends itself once its first screen is drawn (see
/// src-tauri/src/startup_probe.rs), so each run's time is from the spawn to the first screen,
/// plus the exit. The first run of a day also makes the automatic copy of the data file.
/// `Ok(Err(why))`: not measured here, and why.
fn startup(db: &Path, dir: &Path) -> Result<std::result::Result<(Finished, Finished), String>> {
    let exe = std::env::current_exe().map_err(|e| fault("tìm chương trình thidua", e))?;
    let app = exe.with_file_name(format!("thidua-app{}", std::env::consts::EXE_SUFFIX));
    if !app.is_file() {
        return Ok(Err(format!(
            "không có {}: cargo build --release -p thidua-app",
            app.display()
        )));
    }
    let data = dir.join("app-data");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| Error::io(&data, e))?;
    let copy = data.join(thidua_core::paths::DB_FILE_NAME);
    std::fs::copy(db, &copy).map_err(|e| Error::io(&copy, e))?;
    let mut xvfb = None;
    let display = match std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
        Some(d) => d,
        None => match Xvfb::start() {
            Some(x) => {
                let d = x.display.clone();
                xvfb = Some(x);
                d
            }
            None => return Ok(Err("không có màn hình và không chạy được Xvfb".into())),
        },
    };
    let run = || {
        measure_within(
            "khởi động ứng dụng",
            Command::new(&app)
                .env("DISPLAY", &display)
                .env("THIDUA_DATA_DIR", &data)
                .env("THIDUA_STARTUP_PROBE", "1")
                .stdout(Stdio::piped()),
            Some(std::time::Duration::from_secs(60)),
        )
    };
    let runs = run().and_then(|first| Ok((first, run()?)));
    drop(xvfb);
    Ok(runs.map_err(|e| e.to_string()))
}

/// An X server of our own for the app, stopped when dropped.
struct Xvfb {
    child: std::process::Child,
    display: String,
}

impl Xvfb {
    fn start() -> Option<Xvfb> {
        // -displayfd: Xvfb picks a free display and writes its number to our pipe.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut line = String::new();
        let read = child.stdout.take().map(|out| {
            use std::io::BufRead;
            std::io::BufReader::new(out).read_line(&mut line)
        });
        match read {
            Some(Ok(n)) if n > 0 && !line.trim().is_empty() => Some(Xvfb {
                child,
                display: format!(":{}", line.trim()),
            }),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                None
            }
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

fn files_in_ext(dir: &Path, ext: &str) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| {
        d.filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .count()
    })
}

fn count_persons(db: &Path) -> Result<usize> {
    let store = thidua_core::Store::open_existing(db)?;
    store.count_persons()
}

fn print_report(r: &Report) {
    println!(
        "Đo hiệu năng — quy mô {}, {} nhân CPU (mỗi bước là một tiến trình riêng)\n",
        r.scale, r.cores
    );
    println!(
        "{} {:>9} {:>9} {:>11} {:>9}  Ghi chú",
        pad("Bước", 58),
        "Giây",
        "Giây CPU",
        "Bộ nhớ MiB",
        "Dòng"
    );
    for s in &r.steps {
        println!(
            "{} {:>9.2} {:>9} {:>11} {:>9}  {}",
            pad(&s.label, 58),
            s.seconds,
            s.cpu_seconds.map_or("—".into(), |c| format!("{c:.2}")),
            s.peak_mib.map_or("—".into(), |m| format!("{m:.0}")),
            s.rows.map_or("".into(), |n| n.to_string()),
            s.note
        );
    }
    if !r.ratios.is_empty() {
        println!("\nSo sánh (thời gian của cách khác ÷ thời gian của thidua; theo giờ, theo CPU):");
        for x in &r.ratios {
            println!(
                "  {} {:>7.1}× {:>7}",
                pad(&x.label, 56),
                x.times,
                x.cpu_times.map_or("—".into(), |c| format!("{c:.1}×"))
            );
        }
    }
    println!("\nPhần thêm của nhập so với chỉ đọc ô bằng calamine (theo giờ, theo CPU):");
    for x in &r.import_overhead {
        println!(
            "  {} {:>7.0}% {:>7}",
            pad(&x.label, 56),
            x.times * 100.0,
            x.cpu_times
                .map_or("—".into(), |c| format!("{:.0}%", c * 100.0))
        );
    }
    if !r.not_measured.is_empty() {
        println!("\nChưa đo:");
        for n in &r.not_measured {
            println!("  - {n}");
        }
    }
}

/// `thidua bench-parse FILES`: the bare parse the import is compared with, as its own process.
pub fn bare_parse(files: &[PathBuf], out: &Out) -> Result<()> {
    let mut cells = 0;
    for f in files {
        cells += thidua_core::import::bare_parse_cells(f)?;
    }
    out.json_value(&serde_json::json!({ "files": files.len(), "cells": cells }));
    Ok(())
}
