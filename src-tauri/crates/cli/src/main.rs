//! `thidua`: the headless command line over the core, for scripts, tests and benchmarks.
//!
//! Contract: results on stdout (JSON with `--json`), messages in Vietnamese on stderr,
//! exit 0 on success, 2 on bad input (the user or their file can fix it), 1 on a fault.

mod awards;
mod backup_cmd;
mod bench;
mod certificates_cmd;
mod cycle;
mod export_cmd;
mod import_cmd;
mod output;
mod records;
mod report_cmd;
mod rules;

use awards::{AwardsCommand, PersonCommand};
use clap::{Args, Parser, Subcommand};
use cycle::{RegistrationsCommand, ScoresCommand};
use export_cmd::ExportCommand;
use output::{print_blocks, print_units, Out};
use records::{FundCommand, InitiativesCommand, MovementsCommand, ProposalsCommand};
use rules::RulesCommand;
use std::path::PathBuf;
use std::process::ExitCode;
use thidua_core::blocks::{BlockInput, BlockMemberInput, BlockRole};
use thidua_core::profile::{OfficeLevel, OfficeProfile};
use thidua_core::units::{UnitInput, UnitKind, UnitQuery};
use thidua_core::{demo, paths, Error, Result, Store};

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Sổ Thi đua – Khen thưởng: dòng lệnh",
    long_about = "Sổ Thi đua – Khen thưởng: dòng lệnh dùng chung dữ liệu với ứng dụng.\nMặc định dùng tệp dữ liệu của ứng dụng trong thư mục dữ liệu người dùng (hoặc thư mục THIDUA_DATA_DIR)."
)]
struct Cli {
    /// Đường dẫn tệp dữ liệu (mặc định: tệp của ứng dụng)
    #[arg(long, global = true, value_name = "TỆP")]
    db: Option<PathBuf>,
    /// In kết quả dạng JSON ra stdout
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Khởi tạo tệp dữ liệu với thông tin cơ quan (từ chối nếu đã khởi tạo)
    Init(InitArgs),
    /// Đơn vị thành viên
    #[command(subcommand)]
    Units(UnitsCommand),
    /// Khối thi đua theo năm
    #[command(subcommand)]
    Blocks(BlocksCommand),
    /// Đăng ký thi đua theo năm
    #[command(subcommand)]
    Registrations(RegistrationsCommand),
    /// Chấm điểm, xếp hạng khối thi đua
    #[command(subcommand)]
    Scores(ScoresCommand),
    /// Quyết định khen thưởng và người được khen
    #[command(subcommand)]
    Awards(AwardsCommand),
    /// Số liệu khen thưởng của một năm (hoặc 6 tháng), so với cùng kỳ và với đăng ký
    Stats {
        #[arg(long)]
        year: i32,
        /// 1: 6 tháng đầu năm; 2: 6 tháng cuối năm
        #[arg(long)]
        half: Option<u8>,
    },
    /// Cá nhân
    #[command(subcommand)]
    Person(PersonCommand),
    /// Kiểm tra điều kiện khen thưởng của một năm (chỉ cảnh báo, kèm căn cứ pháp lý)
    Check {
        #[arg(long)]
        year: i32,
    },
    /// Phong trào thi đua và số liệu biểu 0601
    #[command(subcommand)]
    Movements(MovementsCommand),
    /// Tờ trình đề nghị khen thưởng cấp trên
    #[command(subcommand)]
    Proposals(ProposalsCommand),
    /// Sáng kiến được công nhận
    #[command(subcommand)]
    Initiatives(InitiativesCommand),
    /// Quỹ thi đua, khen thưởng
    #[command(subcommand)]
    Fund(FundCommand),
    /// Danh mục và quy định pháp lý (hệ số, lương cơ sở, tỷ lệ, làm tròn) kèm căn cứ
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Tìm đơn vị, cá nhân, quyết định (không cần gõ dấu)
    Search {
        /// Từ cần tìm
        query: String,
    },
    /// Nạp dữ liệu mẫu vào tệp dữ liệu trống
    Demo {
        /// Năm sau của hai năm dữ liệu mẫu
        #[arg(long, default_value_t = 2026)]
        year: i32,
        /// small: một xã, hai năm; large: xã sau sáp nhập 2025, khoảng 60 đơn vị, 3.000 người,
        /// 10 năm (khoảng 150.000 bản ghi)
        #[arg(long, default_value = "small")]
        scale: String,
    },
    /// Thông tin tệp dữ liệu và kiểm tra toàn vẹn
    Info,
    /// Nhập danh sách từ tệp Excel (xem trước với --dry-run, hoàn tác với --undo)
    Import(import_cmd::ImportArgs),
    /// Xuất Excel: bảng tổng hợp gửi cấp trên, mẫu nhập liệu cho đơn vị
    #[command(subcommand)]
    Export(ExportCommand),
    /// Tạo các tệp Excel danh sách khen thưởng mẫu như đơn vị gửi (để thử nhập, đo hiệu năng)
    DemoFiles {
        /// Thư mục ghi các tệp của đơn vị
        #[arg(long, value_name = "THƯ MỤC")]
        out: PathBuf,
        /// Số tệp đơn vị
        #[arg(long, default_value_t = 200)]
        count: usize,
        /// Thêm một danh sách dài ghi vào tệp này
        #[arg(long, value_name = "TỆP")]
        long: Option<PathBuf>,
        /// Số dòng của danh sách dài
        #[arg(long, default_value_t = 200_000)]
        long_rows: usize,
        #[arg(long, default_value_t = 2025)]
        year: i32,
    },
    /// Đo hiệu năng (nhập, xuất, thống kê, tìm kiếm) và so với Python + openpyxl, LibreOffice
    Bench(bench::BenchArgs),
    /// (dùng bởi bench) đọc trần các ô bằng calamine, để so với nhập
    #[command(hide = true)]
    BenchParse { files: Vec<PathBuf> },
    /// Văn bản in (PDF, Word, HTML): báo cáo sơ kết/tổng kết, biểu thống kê, danh sách đăng ký,
    /// kết quả chấm điểm khối, tờ trình, quyết định khen thưởng
    Report(report_cmd::ReportArgs),
    /// Giấy khen in trên phôi: theo quyết định, trang căn chỉnh, mẫu vị trí các ô
    Certificates(certificates_cmd::CertificatesArgs),
    /// Sao lưu tệp dữ liệu (mặc định vào thư mục backups cạnh tệp), có kiểm tra toàn vẹn
    Backup {
        /// Tệp sao lưu cần ghi (không ghi đè tệp đã có)
        #[arg(long, value_name = "TỆP")]
        out: Option<PathBuf>,
    },
    /// Liệt kê các bản sao lưu, mới nhất trước
    Backups,
    /// Khôi phục dữ liệu từ một bản sao lưu (tệp hiện tại được giữ lại trong backups)
    Restore {
        /// Tệp sao lưu
        #[arg(value_name = "TỆP")]
        file: Option<PathBuf>,
        /// Dùng bản sao lưu gần nhất còn tốt
        #[arg(long)]
        latest: bool,
    },
    /// Mật khẩu mở ứng dụng: cho biết đã đặt hay chưa; --remove gỡ mật khẩu đã quên
    /// (ai đọc, ghi được tệp dữ liệu thì làm được: mật khẩu không mã hóa tệp)
    Password {
        /// Gỡ mật khẩu mà không cần biết mật khẩu cũ
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Args)]
struct InitArgs {
    /// Tên cơ quan, ví dụ "UBND xã An Bình"
    #[arg(long)]
    name: String,
    /// Cấp: xa, huyen, tinh, co_quan
    #[arg(long)]
    level: String,
    /// Cơ quan cấp trên
    #[arg(long, default_value = "")]
    parent: String,
    /// Địa danh ghi trên văn bản
    #[arg(long, default_value = "")]
    place: String,
    /// Họ tên người ký
    #[arg(long, default_value = "")]
    signer_name: String,
    /// Chức vụ người ký
    #[arg(long, default_value = "")]
    signer_title: String,
}

#[derive(Subcommand)]
enum UnitsCommand {
    /// Thêm đơn vị thành viên
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// co_quan_hanh_chinh, don_vi_su_nghiep, doanh_nghiep, thon_to_dan_pho, xa_phuong, khac
        #[arg(long, default_value = "khac")]
        kind: String,
        /// Số người lao động
        #[arg(long)]
        staff: Option<u32>,
        /// Mã đơn vị cấp trên (nếu là đơn vị trực thuộc)
        #[arg(long, value_name = "MÃ")]
        parent: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Liệt kê đơn vị (sắp xếp theo tiếng Việt)
    List {
        /// Tìm theo mã hoặc tên, không phân biệt dấu
        #[arg(long)]
        search: Option<String>,
        /// Gồm cả đơn vị đã sáp nhập, giải thể
        #[arg(long)]
        all: bool,
    },
    /// Đánh dấu đơn vị đã sáp nhập vào đơn vị khác (giữ nguyên lịch sử)
    Merge {
        #[arg(long, value_name = "MÃ")]
        code: String,
        #[arg(long, value_name = "MÃ")]
        into: String,
        /// Ngày sáp nhập (dd/mm/yyyy hoặc yyyy-mm-dd)
        #[arg(long)]
        date: String,
    },
}

#[derive(Subcommand)]
enum BlocksCommand {
    /// Thêm khối thi đua
    Add {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        name: String,
        /// Mã các đơn vị thành viên, cách nhau bằng dấu phẩy
        #[arg(long, value_delimiter = ',', value_name = "MÃ,MÃ,…")]
        members: Vec<String>,
        /// Mã đơn vị Trưởng khối
        #[arg(long, value_name = "MÃ")]
        leader: Option<String>,
        /// Mã đơn vị Phó khối
        #[arg(long, value_name = "MÃ")]
        deputy: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Liệt kê khối thi đua của một năm
    List {
        #[arg(long)]
        year: i32,
    },
    /// Sao chép các khối của năm trước sang năm mới
    Copy {
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
    },
}

fn main() -> ExitCode {
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is always a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            print!("{e}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("Lệnh không hợp lệ. Xem hướng dẫn: thidua --help\n{e}");
            return ExitCode::from(2);
        }
    };
    let out = Out { json: cli.json };
    match run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            if matches!(e, Error::DataDirMissing { .. }) {
                eprintln!("Để dùng một tệp dữ liệu khác: thidua --db TỆP …");
            }
            if out.json {
                out.json_value(&serde_json::json!({ "error": e.payload() }));
            }
            ExitCode::from(if e.is_user_error() { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli, out: &Out) -> Result<()> {
    // A remembered data folder that is missing (unplugged drive) is refused, never created.
    let db = match cli.db {
        Some(db) => db,
        None => paths::startup_db_path()?,
    };
    match cli.command {
        Command::Init(a) => {
            let level = OfficeLevel::parse(&a.level)?;
            // init and demo may create the file; an existing one must still be ours.
            let mut store = Store::open(&db)?;
            let profile = store.init_profile(&OfficeProfile {
                name: a.name,
                level,
                parent_authority: a.parent,
                place_name: a.place,
                signer_name: a.signer_name,
                signer_title: a.signer_title,
            })?;
            out.done(
                &profile,
                &format!("Đã khởi tạo \"{}\" tại {}.", profile.name, db.display()),
            );
        }
        Command::Demo { year, scale } => {
            let mut store = Store::open(&db)?;
            let summary = match scale.as_str() {
                "small" => demo::fill(&mut store, year)?,
                "large" => thidua_core::demo_large::fill(&mut store, year)?,
                other => {
                    return Err(Error::invalid(
                        "scale",
                        format!("Quy mô \"{other}\" không hợp lệ (small, large)."),
                    ))
                }
            };
            out.done(
                &summary,
                &format!(
                    "Đã nạp dữ liệu mẫu cho \"{}\": {} đơn vị, {} khối thi đua ({} năm).",
                    summary.office,
                    summary.units,
                    summary.blocks,
                    summary.years.len()
                ),
            );
        }
        Command::Info => {
            let store = Store::open_existing(&db)?;
            let info = store.app_info()?;
            let problems = store.check_integrity()?;
            let ok = problems.is_empty();
            out.done(
                &serde_json::json!({ "info": info, "profile": store.profile()?, "integrity_ok": ok, "problems": problems }),
                &format!(
                    "Tệp {} — lược đồ {} — {}",
                    info.db_path,
                    info.schema_version,
                    if ok { "toàn vẹn" } else { "CÓ LỖI TOÀN VẸN" }
                ),
            );
            if !ok {
                return Err(Error::Corrupt {
                    path: db,
                    detail: problems.join("; "),
                });
            }
        }
        Command::Import(args) => {
            let mut store = Store::open_existing(&db)?;
            import_cmd::run(args, &mut store, out)?;
        }
        Command::Backup { out: file } => backup_cmd::backup_now(&db, file, out)?,
        Command::Backups => backup_cmd::list(&db, out)?,
        Command::Restore { file, latest } => backup_cmd::restore(&db, file, latest, out)?,
        Command::Password { remove } => {
            let mut store = Store::open_existing(&db)?;
            if remove {
                store.forget_password()?;
                out.done(
                    &serde_json::json!({ "password": false }),
                    "Đã gỡ mật khẩu mở ứng dụng. Lần mở sau không cần mật khẩu.",
                );
            } else {
                let set = store.has_password()?;
                out.done(
                    &serde_json::json!({ "password": set }),
                    if set {
                        "Đã đặt mật khẩu mở ứng dụng. Quên mật khẩu: thidua password --remove."
                    } else {
                        "Chưa đặt mật khẩu mở ứng dụng."
                    },
                );
            }
        }
        Command::Export(cmd) => export_cmd::export(cmd, &open_office(&db)?, out)?,
        Command::Report(args) => report_cmd::report(args, &mut open_office(&db)?, out)?,
        Command::Units(cmd) => units(cmd, &db, out)?,
        Command::Blocks(cmd) => blocks(cmd, &db, out)?,
        Command::Registrations(cmd) => cycle::registrations(cmd, &mut open_office(&db)?, out)?,
        Command::Scores(cmd) => cycle::scores(cmd, &mut open_office(&db)?, out)?,
        Command::Awards(cmd) => awards::awards(cmd, &mut open_office(&db)?, out)?,
        Command::Stats { year, half } => awards::stats(&open_office(&db)?, year, half, out)?,
        Command::Person(cmd) => awards::person(cmd, &open_office(&db)?, out)?,
        Command::Check { year } => awards::check(&open_office(&db)?, year, out)?,
        Command::Movements(cmd) => records::movements(cmd, &mut open_office(&db)?, out)?,
        Command::Proposals(cmd) => records::proposals(cmd, &open_office(&db)?, out)?,
        Command::Initiatives(cmd) => records::initiatives(cmd, &open_office(&db)?, out)?,
        Command::Fund(cmd) => records::fund(cmd, &mut open_office(&db)?, out)?,
        Command::Rules(cmd) => rules::rules(cmd, &mut open_office(&db)?, out)?,
        Command::Search { query } => rules::search(&open_office(&db)?, &query, out)?,
        Command::DemoFiles {
            out: dir,
            count,
            long,
            long_rows,
            year,
        } => {
            let lists = thidua_core::demo_files::write_unit_lists(&dir, count, year)?;
            if let Some(path) = &long {
                thidua_core::demo_files::write_long_list(path, long_rows, year)?;
            }
            let rows: usize = lists.iter().map(|l| l.persons + l.collectives).sum();
            out.done(
                &serde_json::json!({ "files": lists.len(), "rows": rows, "long_rows": long.as_ref().map(|_| long_rows) }),
                &format!(
                    "Đã ghi {} tệp ({rows} dòng) vào {}{}.",
                    lists.len(),
                    dir.display(),
                    long.as_ref()
                        .map(|p| format!(" và danh sách {long_rows} dòng vào {}", p.display()))
                        .unwrap_or_default()
                ),
            );
        }
        Command::Bench(args) => bench::run(args, out)?,
        Command::BenchParse { files } => bench::bare_parse(&files, out)?,
        Command::Certificates(args) => certificates_cmd::run(args, &mut open_office(&db)?, out)?,
    }
    Ok(())
}

/// Every other command works on an initialised office's file and never creates one.
fn open_office(db: &std::path::Path) -> Result<Store> {
    let store = Store::open_existing(db)?;
    store.require_profile()?;
    Ok(store)
}

fn units(cmd: UnitsCommand, db: &std::path::Path, out: &Out) -> Result<()> {
    let mut store = open_office(db)?;
    match cmd {
        UnitsCommand::Add {
            code,
            name,
            kind,
            staff,
            parent,
            note,
        } => {
            let parent_id = parent
                .map(|c| store.unit_by_code(&c).map(|u| u.id))
                .transpose()?;
            let unit = store.create_unit(&UnitInput {
                code,
                name,
                kind: UnitKind::parse(&kind)?,
                staff_count: staff,
                parent_id,
                note,
            })?;
            out.done(
                &unit,
                &format!("Đã thêm đơn vị {} – {}.", unit.code, unit.name),
            );
        }
        UnitsCommand::List { search, all } => {
            let units = store.units(&UnitQuery {
                search,
                include_inactive: all,
            })?;
            if out.json {
                out.json_value(&units);
            } else {
                print_units(&units);
            }
        }
        UnitsCommand::Merge { code, into, date } => {
            let unit = store.unit_by_code(&code)?;
            let target = store.unit_by_code(&into)?;
            let merged = store.merge_unit(&unit.id, &target.id, &date)?;
            out.done(
                &merged,
                &format!(
                    "Đã ghi nhận \"{}\" sáp nhập vào \"{}\".",
                    merged.name, target.name
                ),
            );
        }
    }
    Ok(())
}

fn blocks(cmd: BlocksCommand, db: &std::path::Path, out: &Out) -> Result<()> {
    let mut store = open_office(db)?;
    match cmd {
        BlocksCommand::Add {
            year,
            name,
            members,
            leader,
            deputy,
            note,
        } => {
            let mut inputs = Vec::new();
            let mut codes: Vec<String> = members;
            for code in leader.iter().chain(deputy.iter()) {
                if !codes.iter().any(|c| c.eq_ignore_ascii_case(code)) {
                    codes.push(code.clone());
                }
            }
            for code in codes.iter().filter(|c| !c.trim().is_empty()) {
                let unit = store.unit_by_code(code)?;
                let is = |role: &Option<String>| {
                    role.as_deref()
                        .is_some_and(|r| r.eq_ignore_ascii_case(code.trim()))
                };
                let role = if is(&leader) {
                    BlockRole::TruongKhoi
                } else if is(&deputy) {
                    BlockRole::PhoKhoi
                } else {
                    BlockRole::ThanhVien
                };
                inputs.push(BlockMemberInput {
                    unit_id: unit.id,
                    role,
                });
            }
            let block = store.create_block(&BlockInput {
                year,
                name,
                note,
                members: inputs,
            })?;
            out.done(
                &block,
                &format!(
                    "Đã thêm khối \"{}\" năm {} với {} đơn vị.",
                    block.name,
                    block.year,
                    block.members.len()
                ),
            );
        }
        BlocksCommand::List { year } => {
            let blocks = store.blocks(year)?;
            if out.json {
                out.json_value(&blocks);
            } else {
                print_blocks(year, &blocks);
            }
        }
        BlocksCommand::Copy { from, to } => {
            let report = store.copy_blocks(from, to)?;
            for line in &report.skipped {
                eprintln!("Bỏ qua: {line}");
            }
            out.done(
                &report,
                &format!(
                    "Đã sao chép {} khối từ năm {from} sang năm {to}.",
                    report.created.len()
                ),
            );
        }
    }
    Ok(())
}
