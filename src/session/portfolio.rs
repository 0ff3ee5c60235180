//! An open portfolio: its members read on workers, each read-only or unreadable, one at a
//! time opened for editing as an ordinary document (taking its lock, saving to its own
//! file); members changed on disk by their teams read again; the members combined into one
//! plan off the window's thread, and checked across each other there too.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::disk::{self, Compared, Fingerprint};
use super::jobs::{Job, Poll};
use super::{Event, Session, file_name, lock, same_file, watch};
use crate::io::{self, LoadError};
use crate::model::Project;
use crate::model::portfolio::{
    MEMBER_COLOURS, MemberActivity, NotDuplicate, Portfolio, PortfolioMember,
};
use crate::plan::calendar::Clashes;
use crate::plan::portfolio::{Combined, combine};
use crate::plan::portfolio_checks::{self as cross, CrossFinding, Findings};

/// What is known of one member's file.
#[derive(Clone, Debug)]
pub enum MemberFile {
    /// Being read for the first time.
    Reading,
    /// Read, shown read-only.
    Read {
        project: Arc<Project>,
        fingerprint: Fingerprint,
    },
    /// Could not be read; the other members still open.
    Unreadable(LoadError),
}

/// One member of the open portfolio.
pub struct OpenMember {
    pub member: PortfolioMember,
    /// Where its project file is.
    pub file: PathBuf,
    pub state: MemberFile,
    /// Who holds the lock on its file, when someone else does (it stays read-only here).
    pub locked_by: Option<String>,
    /// When it was last read again because its team changed it.
    pub refreshed: Option<Instant>,
    reading: Option<Job<Read>>,
    watcher: Option<watch::Watcher>,
}

/// A member as the members list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberStatus {
    Reading,
    ReadOnly,
    /// Someone else has it open for editing.
    LockedBy(String),
    /// Open for editing here.
    Editing,
    /// Why it could not be read, with file, line and column.
    Unreadable(String),
}

type Read = (Result<(Project, Fingerprint), LoadError>, Option<String>);

/// A portfolio's document written from the window.
#[derive(Debug)]
pub struct PortfolioExport {
    pub path: PathBuf,
    /// How many programmes it covers.
    pub members: usize,
    /// The members not in it, as their files could not be read (or are still being read).
    pub left_out: Vec<String>,
    /// The members not in it, as the combined plan's filter hides them, by name.
    pub filtered_out: Vec<String>,
}

/// The portfolio being shown.
pub struct OpenPortfolio {
    pub path: PathBuf,
    pub portfolio: Portfolio,
    pub members: Vec<OpenMember>,
    /// The members combined, once built; replaced when a member is read again.
    pub combined: Option<Arc<Combined>>,
    /// Counts the combinations, so views can cache what they derive from one.
    pub generation: u64,
    combining: Option<Job<(Combined, MemberProjects)>>,
    /// The clashing pairs of the current combination, for the combined calendar: found after
    /// it on a worker of their own, so the plan is on screen before they are (in a crowded
    /// portfolio they take longer than the combination).
    pub clashes: Option<Arc<Clashes>>,
    finding_clashes: Option<Job<Clashes>>,
    /// A member finished reading since the last combination was started.
    stale: bool,
    last_look: Option<Instant>,
    /// The last finished run of the checks across the members.
    checks: Option<CrossChecks>,
    /// Counts the runs installed (and marks applied), so views can cache what they filter.
    pub checks_generation: u64,
    /// The run under way; a newer run replaces it (dropping a job cancels it).
    checking: Option<Job<CrossChecks>>,
    /// The members or the marks changed since the last run was started.
    checks_stale: bool,
    /// The portfolio file as last read or written here, to see whether someone else has
    /// changed it since (`None` for a file that vanished while open).
    on_disk: Option<Fingerprint>,
    /// The content hash of a changed portfolio file that could not be read, said once.
    unreadable_said: Option<u64>,
    watcher: Option<watch::Watcher>,
}

/// Each member's project as a combination read it, `None` for one that could not be read.
type MemberProjects = Vec<Option<Arc<Project>>>;

/// One member as a run of the checks saw it: the findings' member indices index these.
#[derive(Clone, Debug)]
pub struct CheckedMember {
    /// The member's path in the portfolio, as `MemberActivity::member` names it.
    pub path: String,
    pub name: String,
    pub project: Arc<Project>,
}

/// A run of the checks across the members, with the members as they were read for it, so
/// the findings stay readable while the portfolio changes under them.
#[derive(Clone, Debug, Default)]
pub struct CrossChecks {
    pub members: Vec<CheckedMember>,
    /// Grouped and counted; each finding is made in full only where it is shown.
    pub findings: Findings,
}

impl CrossChecks {
    /// Runs the checks over the members that could be read (on a worker).
    fn run(members: Vec<CheckedMember>, marks: &[NotDuplicate]) -> Self {
        let findings = cross::run(&as_cross_members(&members), marks);
        CrossChecks { members, findings }
    }

    /// The members as `portfolio_checks` functions (`describe`, `filter`) take them.
    pub fn members(&self) -> Vec<cross::Member<'_>> {
        as_cross_members(&self.members)
    }

    /// Leaves out the likely duplicates `mark` covers, at once, before the re-run confirms it.
    fn quiet(&mut self, mark: &NotDuplicate) {
        let members = as_cross_members(&self.members);
        self.findings.quiet(&members, mark);
    }
}

fn as_cross_members(members: &[CheckedMember]) -> Vec<cross::Member<'_>> {
    members
        .iter()
        .map(|m| cross::Member {
            path: &m.path,
            name: &m.name,
            project: &m.project,
        })
        .collect()
}

/// Reads a member's file and who else holds its lock, on a worker.
fn read_member(file: &Path) -> Read {
    let read = io::read(file, &mut |_, _| {}).and_then(|bytes| {
        let project = io::load_bytes(file, &bytes)?;
        Ok((project, Fingerprint::of(file, &bytes)))
    });
    (read, held_by_other(file))
}

/// Who holds the lock beside `file`, unless it is stale (they are gone).
fn held_by_other(file: &Path) -> Option<String> {
    let found = lock::find(file)?;
    if found.stale.is_some() {
        return None;
    }
    Some(
        found
            .holder
            .as_ref()
            .map(|h| h.who())
            .unwrap_or_else(|| "Someone else".into()),
    )
}

impl OpenPortfolio {
    /// The member of a combined activity and that activity's id in its file.
    pub fn origin(&self, combined_activity: crate::model::Id) -> Option<(usize, crate::model::Id)> {
        self.combined.as_ref()?.origin(combined_activity)
    }

    /// The portfolio's title in its documents: its name, else its file's.
    pub fn title(&self) -> String {
        if self.portfolio.name.trim().is_empty() {
            file_name(&self.path)
        } else {
            self.portfolio.name.clone()
        }
    }

    /// The member whose project file `path` is, if one's is.
    pub fn member_at(&self, path: &Path) -> Option<&OpenMember> {
        self.members.iter().find(|m| same_file(&m.file, path))
    }

    /// Writes `format` of the members read so far, together (as `workplan export` of the
    /// portfolio file does), but those at the indices in `hidden` (the combined plan's filter
    /// by programme); `None` for a format that is of one programme. The members left out are
    /// named in the result: those that could not be read as "Firearms (gfp/firearms.ron)".
    pub fn write_export(
        &self,
        format: crate::exchange::export::Format,
        scope: crate::exchange::export::Scope,
        path: &Path,
        hidden: &std::collections::BTreeSet<usize>,
    ) -> Option<Result<PortfolioExport, crate::exchange::export::ExportError>> {
        use crate::plan::portfolio_checks::Member;
        let mut members = Vec::new();
        let mut colours = Vec::new();
        let mut left_out = Vec::new();
        let mut filtered_out = Vec::new();
        for (index, m) in self.members.iter().enumerate() {
            if hidden.contains(&index) {
                filtered_out.push(m.member.name.clone());
                continue;
            }
            match &m.state {
                MemberFile::Read { project, .. } => {
                    members.push(Member {
                        path: &m.member.path,
                        name: &m.member.name,
                        project,
                    });
                    colours.push(m.member.colour.as_str());
                }
                _ => left_out.push(format!("{} ({})", m.member.name, m.member.path)),
            }
        }
        let title = self.title();
        let document = crate::exchange::export::PortfolioDoc {
            title: &title,
            members: &members,
            colours: &colours,
            left_out: &left_out,
        };
        let written = crate::exchange::export::write_portfolio(document, format, scope, path)?;
        Some(written.map(|path| PortfolioExport {
            path,
            members: members.len(),
            left_out,
            filtered_out,
        }))
    }

    /// Whether anything is still being read or combined.
    pub fn is_busy(&self) -> bool {
        self.combining.is_some() || self.stale || self.members.iter().any(|m| m.reading.is_some())
    }

    /// The last run of the checks across the members, once one has finished.
    pub fn cross_checks(&self) -> Option<&CrossChecks> {
        self.checks.as_ref()
    }

    /// Every finding of the last run made in full, group after group (none before the first
    /// run has finished); the window shows them through `cross_checks` instead.
    pub fn findings(&self) -> Vec<CrossFinding> {
        self.checks
            .as_ref()
            .map_or_else(Vec::new, |c| c.findings.iter(&c.members()).collect())
    }

    /// Whether the checks are running or about to (the members are still being read).
    pub fn checks_busy(&self) -> bool {
        self.checking.is_some() || self.checks_stale || self.finding_clashes.is_some()
    }

    /// The index of the member at `path` (a finding's `MemberActivity::member`), now.
    pub fn member_index(&self, path: &str) -> Option<usize> {
        self.members.iter().position(|m| m.member.path == path)
    }

    /// Starts a run over the members read, replacing one under way.
    fn start_checks(&mut self, waker: &super::jobs::Waker) {
        self.checks_stale = false;
        let members: Vec<CheckedMember> = self
            .members
            .iter()
            .filter_map(|m| match &m.state {
                MemberFile::Read { project, .. } => Some(CheckedMember {
                    path: m.member.path.clone(),
                    name: m.member.name.clone(),
                    project: project.clone(),
                }),
                _ => None,
            })
            .collect();
        let marks = self.portfolio.not_duplicates.clone();
        self.checking = Some(Job::spawn(waker, move |_| {
            CrossChecks::run(members, &marks)
        }));
    }
}

impl Session {
    /// Opens the portfolio file at `path`: its members are read on workers; one that cannot
    /// be read is reported and the rest still open.
    pub fn open_portfolio(&mut self, path: &Path) {
        match io::portfolio::load_portfolio_bytes(path) {
            Ok((portfolio, bytes)) => {
                self.install_portfolio(path, portfolio, Fingerprint::of(path, &bytes));
                self.say(Event::Opened(path.to_path_buf()));
            }
            Err(error) => self.say(Event::Failed {
                title: "The portfolio could not be opened".into(),
                message: error.to_string(),
                offer_save_as: false,
            }),
        }
    }

    /// Writes a new, empty portfolio at `path` and opens it.
    pub fn new_portfolio(&mut self, path: &Path) {
        let portfolio = Portfolio::default();
        match io::portfolio::save_portfolio(&portfolio, path) {
            Ok(()) => {
                let written = io::portfolio::portfolio_text(&portfolio);
                self.install_portfolio(path, portfolio, Fingerprint::of(path, written.as_bytes()));
                self.say(Event::Opened(path.to_path_buf()));
            }
            Err(e) => self.say(Event::Failed {
                title: "The portfolio could not be created".into(),
                message: format!("{}: {e}", path.display()),
                offer_save_as: false,
            }),
        }
    }

    /// Closes the portfolio (documents opened from it for editing stay open).
    pub fn close_portfolio(&mut self) {
        self.portfolio = None;
    }

    fn install_portfolio(&mut self, path: &Path, portfolio: Portfolio, on_disk: Fingerprint) {
        let members = portfolio
            .members
            .iter()
            .map(|m| self.start_member(path, m.clone()))
            .collect();
        self.portfolio = Some(OpenPortfolio {
            path: path.to_path_buf(),
            portfolio,
            members,
            combined: None,
            generation: 0,
            combining: None,
            clashes: None,
            finding_clashes: None,
            stale: true,
            last_look: None,
            checks: None,
            checks_generation: 0,
            checking: None,
            checks_stale: true,
            on_disk: Some(on_disk),
            unreadable_said: None,
            watcher: self
                .watch_files
                .then(|| watch::Watcher::start(path, self.waker.clone())),
        });
    }

    /// Takes in the portfolio file as someone else changed it: its members (those still there
    /// kept as read, by path, the new ones read, the others dropped), names, colours and
    /// marks; the plan is combined and checked again.
    fn take_in_portfolio(&mut self, portfolio: Portfolio, on_disk: Fingerprint) {
        let Some(mut open) = self.portfolio.take() else {
            return;
        };
        let mut old: Vec<Option<OpenMember>> = std::mem::take(&mut open.members)
            .into_iter()
            .map(Some)
            .collect();
        open.members = portfolio
            .members
            .iter()
            .map(|m| {
                let kept = old
                    .iter_mut()
                    .find(|o| o.as_ref().is_some_and(|o| o.member.path == m.path))
                    .and_then(Option::take);
                match kept {
                    Some(mut kept) => {
                        kept.member = m.clone();
                        kept
                    }
                    None => self.start_member(&open.path, m.clone()),
                }
            })
            .collect();
        open.portfolio = portfolio;
        open.on_disk = Some(on_disk);
        open.unreadable_said = None;
        open.stale = true;
        open.checks_stale = true;
        // The marks may have changed: the findings shown wait for the run that follows them.
        self.portfolio = Some(open);
    }

    /// Whether the portfolio file changed on disk since it was read or written here: taken in
    /// when it can be read (true); said once when it cannot, and kept as it was read.
    fn look_at_portfolio_file(&mut self) -> bool {
        let Some(open) = self.portfolio.as_mut() else {
            return false;
        };
        let compared = compare_portfolio_file(&open.path, open.on_disk.as_ref(), false);
        self.take_in_compared(compared)
    }

    /// Acts on how the portfolio file compares with what was last read or written here: a
    /// changed one taken in when it can be read (true), said once when it cannot.
    fn take_in_compared(&mut self, compared: Compared) -> bool {
        let Some(open) = self.portfolio.as_mut() else {
            return false;
        };
        let path = open.path.clone();
        match compared {
            Compared::Same => false,
            Compared::Touched(fingerprint) => {
                open.on_disk = Some(fingerprint);
                false
            }
            // Gone for now (a share out of reach, a rename): kept as read; a save writes it.
            Compared::Missing(_) => false,
            Compared::Changed(bytes) => match io::portfolio::portfolio_from_bytes(&path, &bytes) {
                Ok(portfolio) => {
                    self.take_in_portfolio(portfolio, Fingerprint::of(&path, &bytes));
                    self.say(Event::Info(format!(
                        "{} changed on disk and was read again.",
                        file_name(&path)
                    )));
                    true
                }
                Err(error) => {
                    let hash = disk::content_hash(&bytes);
                    if open.unreadable_said != Some(hash) {
                        open.unreadable_said = Some(hash);
                        self.problem(format!(
                            "{} changed on disk and cannot be read now, so the portfolio stays as it was read: {error}",
                            file_name(&path)
                        ));
                    }
                    false
                }
            },
        }
    }

    fn start_member(&self, portfolio_file: &Path, member: PortfolioMember) -> OpenMember {
        let file = io::portfolio::member_file(portfolio_file, &member.path);
        let target = file.clone();
        OpenMember {
            reading: Some(Job::spawn(&self.waker, move |_| read_member(&target))),
            watcher: self
                .watch_files
                .then(|| watch::Watcher::start(&file, self.waker.clone())),
            member,
            file,
            state: MemberFile::Reading,
            locked_by: None,
            refreshed: None,
        }
    }

    /// How a member shows in the members list.
    pub fn member_status(&self, index: usize) -> Option<MemberStatus> {
        let member = self.portfolio.as_ref()?.members.get(index)?;
        if self.editing_member(index).is_some() {
            return Some(MemberStatus::Editing);
        }
        Some(match (&member.state, &member.locked_by) {
            (MemberFile::Reading, _) => MemberStatus::Reading,
            (MemberFile::Unreadable(e), _) => MemberStatus::Unreadable(e.lines().join("\n")),
            (MemberFile::Read { .. }, Some(who)) => MemberStatus::LockedBy(who.clone()),
            (MemberFile::Read { .. }, None) => MemberStatus::ReadOnly,
        })
    }

    /// The open document editing a member, if there is one.
    pub fn editing_member(&self, index: usize) -> Option<super::DocId> {
        let file = &self.portfolio.as_ref()?.members.get(index)?.file;
        self.documents
            .iter()
            .find(|d| {
                d.read_only.is_none() && d.path.as_deref().is_some_and(|p| same_file(p, file))
            })
            .map(|d| d.id())
    }

    /// The names of the members open for editing with changes not yet saved: the combined
    /// plan, its checks and its exports have them as their files last read.
    pub fn members_unsaved(&self) -> Vec<String> {
        let Some(open) = self.portfolio.as_ref() else {
            return Vec::new();
        };
        (0..open.members.len())
            .filter(|&index| {
                self.editing_member(index)
                    .and_then(|doc| self.document(doc))
                    .is_some_and(|d| d.history.is_dirty())
            })
            .map(|index| open.members[index].member.name.clone())
            .collect()
    }

    /// Opens a member for editing as a document beside the others, taking its lock; its edits
    /// go to its own file. A member someone else has open stays read-only, and says by whom.
    /// Returns whether the member is (now being) opened.
    pub fn edit_member(&mut self, index: usize) -> bool {
        if let Some(doc) = self.editing_member(index) {
            self.select(doc);
            return true;
        }
        let Some(member) = self
            .portfolio
            .as_mut()
            .and_then(|p| p.members.get_mut(index))
        else {
            return false;
        };
        let (file, name) = (member.file.clone(), member.member.name.clone());
        if let MemberFile::Unreadable(error) = &member.state {
            let message = error.to_string();
            self.say(Event::Failed {
                title: format!("{name} cannot be opened"),
                message,
                offer_save_as: false,
            });
            return false;
        }
        // Asked again now: the lock may have come or gone since the member was read.
        member.locked_by = held_by_other(&file);
        if let Some(who) = member.locked_by.clone() {
            self.problem(format!(
                "{who} has {name} ({}) open for editing; it stays read-only here.",
                file_name(&file)
            ));
            return false;
        }
        self.open_beside(&file);
        true
    }

    /// Adds project files as members, each with the next unused colour, and saves the
    /// portfolio file.
    pub fn add_members(&mut self, files: &[PathBuf]) {
        let Some(open) = self.portfolio.as_ref() else {
            return;
        };
        let portfolio_file = open.path.clone();
        let mut added = Vec::new();
        let mut already = Vec::new();
        for file in files {
            let path = io::portfolio::member_path(&portfolio_file, file);
            let known = open.portfolio.member(&path).is_some()
                || added.iter().any(|m: &PortfolioMember| m.path == path);
            if known {
                already.push(format!("{} is already a member.", file_name(file)));
                continue;
            }
            let used = open.portfolio.members.len() + added.len();
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.clone());
            added.push(PortfolioMember {
                path,
                name,
                colour: MEMBER_COLOURS[used % MEMBER_COLOURS.len()].to_string(),
            });
        }
        let mut portfolio = open.portfolio.clone();
        for note in already {
            self.problem(note);
        }
        if added.is_empty() {
            return;
        }
        portfolio.members.extend(added.iter().cloned());
        if self.save_portfolio_file(portfolio) {
            let members: Vec<OpenMember> = added
                .into_iter()
                .map(|m| self.start_member(&portfolio_file, m))
                .collect();
            let open = self.portfolio.as_mut().expect("checked above");
            open.members.extend(members);
            open.stale = true;
            open.checks_stale = true;
        }
    }

    /// Takes a member out of the portfolio (its file is left as it is).
    pub fn remove_member(&mut self, index: usize) {
        let Some(open) = self.portfolio.as_ref() else {
            return;
        };
        if index >= open.members.len() {
            return;
        }
        let mut portfolio = open.portfolio.clone();
        portfolio.members.remove(index);
        if self.save_portfolio_file(portfolio) {
            let open = self.portfolio.as_mut().expect("checked above");
            open.members.remove(index);
            open.stale = true;
            open.checks_stale = true;
        }
    }

    /// Renames a member and gives it a colour (`#rrggbb`), saving the portfolio file.
    pub fn restyle_member(&mut self, index: usize, name: &str, colour: &str) {
        let Some(open) = self.portfolio.as_ref() else {
            return;
        };
        if crate::model::portfolio::parse_colour(colour).is_none() {
            self.problem(format!("“{colour}” is not a colour; write it #rrggbb."));
            return;
        }
        let name = name.trim();
        if name.is_empty() {
            self.problem("A member needs a name.");
            return;
        }
        let mut portfolio = open.portfolio.clone();
        let Some(member) = portfolio.members.get_mut(index) else {
            return;
        };
        member.name = name.to_string();
        member.colour = colour.to_string();
        let member = member.clone();
        if self.save_portfolio_file(portfolio) {
            let open = self.portfolio.as_mut().expect("checked above");
            open.members[index].member = member;
            // Names and colours are read from the portfolio; the combination stands, the
            // findings name the programmes and are run again.
            open.generation += 1;
            open.checks_stale = true;
        }
    }

    /// Writes `portfolio` over the open portfolio's file, atomically; keeps it on success.
    /// Saves `portfolio` (the open one with one change) over the portfolio file, unless
    /// someone else changed the file since it was read or written here: then nothing is
    /// written, their version is taken in (or, unreadable, left alone) and the user is told to
    /// do it again, so neither side's change is lost.
    fn save_portfolio_file(&mut self, portfolio: Portfolio) -> bool {
        let Some(open) = self.portfolio.as_ref() else {
            return false;
        };
        let path = open.path.clone();
        // By content: two saves within the clock's tick leave size and time alike.
        let compared = compare_portfolio_file(&path, open.on_disk.as_ref(), true);
        if matches!(compared, Compared::Changed(_)) {
            // The bytes just read are the ones taken in: the file is not read twice.
            let taken_in = self.take_in_compared(compared);
            self.say(Event::Failed {
                title: "The portfolio was not saved".into(),
                message: if taken_in {
                    format!(
                        "{} was changed by someone else since it was read here. Nothing was written over it: their version has been read, with their changes; do it again if it is still needed.",
                        path.display()
                    )
                } else {
                    format!(
                        "{} was changed by someone else and cannot be read now. Nothing was written over it; mend it or ask who changed it, then do it again.",
                        path.display()
                    )
                },
                offer_save_as: false,
            });
            return false;
        }
        let open = self.portfolio.as_mut().expect("checked above");
        match io::portfolio::save_portfolio(&portfolio, &open.path) {
            Ok(()) => {
                let written = io::portfolio::portfolio_text(&portfolio);
                open.on_disk = Some(Fingerprint::of(&open.path, written.as_bytes()));
                open.portfolio = portfolio;
                true
            }
            Err(e) => {
                let message = format!("{}: {e}", open.path.display());
                self.say(Event::Failed {
                    title: "The portfolio could not be saved".into(),
                    message,
                    offer_save_as: false,
                });
                false
            }
        }
    }

    /// The portfolio's share of [`Session::poll`]: members read, members changed on disk read
    /// again (when their watcher saw something, the window got the focus back, or every
    /// [`super::DISK_CHECK_EVERY`] without a watcher), and the combination rebuilt.
    pub(super) fn poll_portfolio(&mut self, focused: bool) -> Option<Duration> {
        let waker = self.waker.clone();
        let watch_files = self.watch_files;
        let open = self.portfolio.as_mut()?;
        let mut notes = Vec::new();
        let look_due = focused
            || (!watch_files
                && open
                    .last_look
                    .is_none_or(|t| t.elapsed() >= super::DISK_CHECK_EVERY));
        if look_due {
            open.last_look = Some(Instant::now());
        }
        let signalled = open.watcher.as_ref().is_some_and(|w| w.take_signal());
        if signalled || look_due {
            // Members it names anew start reading here, and are polled below.
            self.look_at_portfolio_file();
        }
        let open = self.portfolio.as_mut()?;
        for member in &mut open.members {
            if let Some(job) = member.reading.as_mut() {
                let (read, locked_by) = match job.poll() {
                    Poll::Running => continue,
                    Poll::Done(read) => read,
                    Poll::Lost => (
                        Err(LoadError::one(
                            &member.file,
                            io::FileProblem::new("reading the file stopped unexpectedly"),
                        )),
                        None,
                    ),
                };
                member.reading = None;
                member.locked_by = locked_by;
                let was_read = matches!(member.state, MemberFile::Read { .. });
                member.state = match read {
                    Ok((project, fingerprint)) => MemberFile::Read {
                        project: Arc::new(project),
                        fingerprint,
                    },
                    Err(error) => {
                        notes.push(format!("{} cannot be read: {error}", member.member.name));
                        MemberFile::Unreadable(error)
                    }
                };
                if was_read {
                    member.refreshed = Some(Instant::now());
                    notes.push(format!(
                        "{} changed on disk and was read again.",
                        member.member.name
                    ));
                }
                open.stale = true;
                open.checks_stale = true;
                continue;
            }
            let signalled = member.watcher.as_ref().is_some_and(|w| w.take_signal());
            if !(signalled || look_due) {
                continue;
            }
            let changed = match &member.state {
                MemberFile::Read { fingerprint, .. } => {
                    !matches!(disk::compare(&member.file, fingerprint), Compared::Same)
                }
                // A broken member may have been mended.
                MemberFile::Unreadable(_) => std::fs::metadata(&member.file).is_ok(),
                MemberFile::Reading => false,
            };
            member.locked_by = held_by_other(&member.file);
            if changed {
                let target = member.file.clone();
                member.reading = Some(Job::spawn(&waker, move |_| read_member(&target)));
            }
        }
        if let Some(job) = open.combining.as_mut() {
            match job.poll() {
                Poll::Running => {}
                Poll::Done((combined, projects)) => {
                    let combined = Arc::new(combined);
                    open.combined = Some(combined.clone());
                    open.generation += 1;
                    open.combining = None;
                    open.clashes = None;
                    open.finding_clashes = Some(Job::spawn(&waker, move |_| {
                        let refs: Vec<Option<&Project>> =
                            projects.iter().map(|p| p.as_deref()).collect();
                        crate::plan::portfolio::clashes(&combined, &refs)
                    }));
                }
                Poll::Lost => open.combining = None,
            }
        }
        if let Some(job) = open.finding_clashes.as_mut() {
            match job.poll() {
                Poll::Running => {}
                Poll::Done(clashes) => {
                    open.clashes = Some(Arc::new(clashes));
                    open.finding_clashes = None;
                }
                Poll::Lost => open.finding_clashes = None,
            }
        }
        if let Some(job) = open.checking.as_mut() {
            match job.poll() {
                Poll::Running => {}
                Poll::Done(checks) => {
                    open.checks = Some(checks);
                    open.checks_generation += 1;
                    open.checking = None;
                }
                Poll::Lost => {
                    open.checking = None;
                    notes.push("The checks across the programmes stopped unexpectedly.".into());
                }
            }
        }
        let all_read = open.members.iter().all(|m| m.reading.is_none());
        if open.checks_stale && all_read {
            open.start_checks(&waker);
        }
        if open.stale && all_read && open.combining.is_none() {
            open.stale = false;
            let title = open.title();
            let projects: Vec<Option<Arc<Project>>> = open
                .members
                .iter()
                .map(|m| match &m.state {
                    MemberFile::Read { project, .. } => Some(project.clone()),
                    _ => None,
                })
                .collect();
            open.combining = Some(Job::spawn(&waker, move |_| {
                let refs: Vec<Option<&Project>> = projects.iter().map(|p| p.as_deref()).collect();
                let combined = combine(&title, &refs);
                (combined, projects)
            }));
        }
        for note in notes {
            self.say(Event::Info(note));
        }
        (!watch_files).then_some(super::DISK_CHECK_EVERY)
    }

    /// Marks a likely duplicate pair as not a duplicate, saving the mark in the portfolio file:
    /// the pair is left out at once and stays quiet in every later run. Returns whether the
    /// mark was saved.
    pub fn mark_not_duplicate(
        &mut self,
        first: MemberActivity,
        second: MemberActivity,
        note: &str,
    ) -> bool {
        let Some(open) = self.portfolio.as_ref() else {
            return false;
        };
        if open.portfolio.is_not_duplicate(&first, &second) {
            return true;
        }
        let mark = NotDuplicate {
            first,
            second,
            note: note.trim().to_string(),
        };
        let mut portfolio = open.portfolio.clone();
        portfolio.not_duplicates.push(mark.clone());
        if !self.save_portfolio_file(portfolio) {
            return false;
        }
        let open = self.portfolio.as_mut().expect("checked above");
        if let Some(checks) = open.checks.as_mut() {
            checks.quiet(&mark);
        }
        open.checks_generation += 1;
        open.checks_stale = true;
        true
    }

    /// Takes back a "not a duplicate" mark on the pair (in either order), saving the
    /// portfolio file; the pair is listed again once the checks have run again.
    pub fn unmark_not_duplicate(
        &mut self,
        first: &MemberActivity,
        second: &MemberActivity,
    ) -> bool {
        let Some(open) = self.portfolio.as_ref() else {
            return false;
        };
        let mut portfolio = open.portfolio.clone();
        portfolio
            .not_duplicates
            .retain(|n| !n.covers(first, second));
        if portfolio.not_duplicates.len() == open.portfolio.not_duplicates.len() {
            return false;
        }
        if !self.save_portfolio_file(portfolio) {
            return false;
        }
        let open = self.portfolio.as_mut().expect("checked above");
        open.checks_stale = true;
        true
    }

    /// Waits until every member is read and combined, as the window shows them; the checks
    /// across them may still be running (benchmarks of opening).
    pub fn wait_for_members(&mut self) {
        while self.portfolio.as_ref().is_some_and(|p| p.is_busy()) {
            self.poll_portfolio(false);
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until every member is read and combined and the checks across them have run
    /// (tests, the command line).
    pub fn wait_for_portfolio(&mut self) {
        while self
            .portfolio
            .as_ref()
            .is_some_and(|p| p.is_busy() || p.checks_busy())
        {
            self.poll_portfolio(false);
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// How the portfolio file compares with what was last read or written here (`by_content`:
/// whatever its size and time say); all of it changed when nothing was.
fn compare_portfolio_file(path: &Path, known: Option<&Fingerprint>, by_content: bool) -> Compared {
    match known {
        Some(known) if by_content => disk::compare_contents(path, known),
        Some(known) => disk::compare(path, known),
        None => match std::fs::read(path) {
            Ok(bytes) => Compared::Changed(bytes),
            Err(e) => Compared::Missing(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::portfolio::PortfolioMember;
    use crate::plan::portfolio_checks::CrossKind;

    fn folder() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let sample = crate::testing::sample();
        crate::io::save(&sample, &dir.path().join("see.ron")).unwrap();
        std::fs::write(
            dir.path().join("broken.ron"),
            "(format_version: 2, next_id: ",
        )
        .unwrap();
        let portfolio = Portfolio {
            name: "Office".into(),
            members: vec![
                PortfolioMember {
                    path: "see.ron".into(),
                    name: "South Eastern Europe".into(),
                    colour: "#1f77b4".into(),
                },
                PortfolioMember {
                    path: "broken.ron".into(),
                    name: "Broken".into(),
                    colour: "#d62728".into(),
                },
            ],
            ..Portfolio::default()
        };
        let file = dir.path().join("office.wpf");
        io::portfolio::save_portfolio(&portfolio, &file).unwrap();
        (dir, file)
    }

    fn session() -> Session {
        let mut session = Session::default();
        session.me = lock::Holder {
            user: "me".into(),
            ..session.me.clone()
        };
        session
    }

    #[test]
    fn an_export_holds_the_members_read_and_names_the_others() {
        use crate::exchange::export::{Format, Scope};
        let (dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        let open = s.portfolio.as_ref().unwrap();
        let out = dir.path().join("office.html");
        assert!(
            open.write_export(Format::Json, Scope::default(), &out, &Default::default())
                .is_none(),
            "a format of one programme"
        );
        assert!(!out.exists());
        let written = open
            .write_export(
                Format::ReportHtml,
                Scope::default(),
                &out,
                &Default::default(),
            )
            .unwrap()
            .unwrap();
        assert_eq!(
            (written.path.as_path(), written.members),
            (out.as_path(), 1)
        );
        assert_eq!(written.left_out, ["Broken (broken.ron)"]);
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.contains("South Eastern Europe") && html.contains("Broken (broken.ron)"));
        assert!(open.member_at(&dir.path().join("see.ron")).is_some());
        assert!(open.member_at(&out).is_none());
        // A member the filter hides is left out and named apart.
        let hidden = std::collections::BTreeSet::from([0]);
        let written = open
            .write_export(Format::ReportHtml, Scope::default(), &out, &hidden)
            .unwrap()
            .unwrap();
        assert_eq!(written.members, 0);
        assert_eq!(written.filtered_out, ["South Eastern Europe"]);
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(!html.contains("South Eastern Europe"), "{html}");
    }

    #[test]
    fn a_broken_member_is_reported_and_the_rest_open() {
        let (_dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        assert_eq!(s.member_status(0), Some(MemberStatus::ReadOnly));
        let Some(MemberStatus::Unreadable(why)) = s.member_status(1) else {
            panic!("{:?}", s.member_status(1));
        };
        assert!(why.contains("broken.ron:1:"), "{why}");
        let open = s.portfolio.as_ref().unwrap();
        let combined = open.combined.as_ref().unwrap();
        assert_eq!(
            combined.project.activities.len(),
            crate::testing::sample().activities.len()
        );
        assert!(
            s.take_events()
                .iter()
                .any(|e| matches!(e, Event::Info(t) if t.contains("Broken cannot be read")))
        );
    }

    /// A colleague adds a member and renames one in the portfolio file while it is open here.
    fn change_elsewhere(file: &Path, dir: &Path) {
        let mut theirs = io::portfolio::load_portfolio(file).unwrap();
        crate::io::save(&crate::testing::sample(), &dir.join("extra.ron")).unwrap();
        theirs.members.push(PortfolioMember {
            path: "extra.ron".into(),
            name: "Container Control".into(),
            colour: "#2ca02c".into(),
        });
        theirs.members[0].name = "SEE Programme".into();
        io::portfolio::save_portfolio(&theirs, file).unwrap();
    }

    #[test]
    fn the_portfolio_file_changed_on_disk_is_read_again_keeping_the_members_read() {
        let (dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        let generation = s.portfolio.as_ref().unwrap().generation;
        s.take_events();
        change_elsewhere(&file, dir.path());
        s.poll_portfolio(true);
        let open = s.portfolio.as_ref().unwrap();
        let names: Vec<&str> = open
            .members
            .iter()
            .map(|m| m.member.name.as_str())
            .collect();
        assert_eq!(names, ["SEE Programme", "Broken", "Container Control"]);
        // The member still there is not read again; the new one is being read.
        assert!(matches!(open.members[0].state, MemberFile::Read { .. }));
        assert_eq!(s.member_status(2), Some(MemberStatus::Reading));
        assert!(s.take_events().iter().any(
            |e| matches!(e, Event::Info(t) if t.contains("changed on disk and was read again"))
        ));
        s.wait_for_portfolio();
        let open = s.portfolio.as_ref().unwrap();
        assert!(open.generation > generation);
        assert_eq!(s.member_status(2), Some(MemberStatus::ReadOnly));
        assert_eq!(
            open.combined.as_ref().unwrap().project.activities.len(),
            2 * crate::testing::sample().activities.len()
        );

        // Broken by someone: said once, and the portfolio stays as it was read.
        std::fs::write(&file, "(portfolio_version: 1, members: [").unwrap();
        s.poll_portfolio(true);
        s.poll_portfolio(true);
        let said = s
            .take_events()
            .into_iter()
            .filter(|e| format!("{e:?}").contains("cannot be read now"))
            .count();
        assert_eq!(said, 1);
        assert_eq!(s.portfolio.as_ref().unwrap().members.len(), 3);
        // And a change made here is not written over their broken file.
        s.restyle_member(0, "Renamed here", "#123456");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "(portfolio_version: 1, members: ["
        );
    }

    #[test]
    fn a_change_over_a_portfolio_file_changed_elsewhere_is_refused_and_loses_neither() {
        let (dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        s.take_events();
        change_elsewhere(&file, dir.path());
        // Renamed here before this session has looked at the file again.
        s.restyle_member(1, "Broken programme", "#123456");
        let saved = io::portfolio::load_portfolio(&file).unwrap();
        assert_eq!(saved.members.len(), 3, "their member is kept");
        assert_eq!(
            saved.members[1].name, "Broken",
            "nothing of ours written over it"
        );
        assert!(s.take_events().iter().any(|e| matches!(
            e,
            Event::Failed { message, .. } if message.contains("changed by someone else")
        )));
        // Their version is the one open now; done again, the change goes on top of theirs.
        assert_eq!(s.portfolio.as_ref().unwrap().members.len(), 3);
        s.restyle_member(1, "Broken programme", "#123456");
        let saved = io::portfolio::load_portfolio(&file).unwrap();
        assert_eq!(saved.members[1].name, "Broken programme");
        assert_eq!(saved.members[0].name, "SEE Programme");
        assert_eq!(saved.members.len(), 3);
    }

    #[test]
    fn a_member_changed_on_disk_is_read_again() {
        let (dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        let generation = s.portfolio.as_ref().unwrap().generation;
        let mut changed = crate::testing::sample();
        changed.activities[0].title = "Changed by its team".into();
        crate::io::save(&changed, &dir.path().join("see.ron")).unwrap();
        s.poll_portfolio(true);
        s.wait_for_portfolio();
        let open = s.portfolio.as_ref().unwrap();
        assert!(open.generation > generation);
        assert!(open.members[0].refreshed.is_some());
        let combined = open.combined.as_ref().unwrap();
        assert!(
            combined
                .project
                .activities
                .iter()
                .any(|a| a.title == "Changed by its team")
        );
    }

    #[test]
    fn editing_takes_the_lock_and_a_member_locked_by_someone_else_stays_read_only() {
        let (dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        assert!(s.edit_member(0));
        assert_eq!(s.member_status(0), Some(MemberStatus::Editing));
        assert!(lock::lock_path(&dir.path().join("see.ron")).exists());
        // An edit not yet saved is named, as the combined plan still has the file as read.
        assert!(s.members_unsaved().is_empty());
        let doc = s.editing_member(0).unwrap();
        let mut programme = s.document(doc).unwrap().project.programme.clone();
        programme.title = "Retitled here".into();
        let edit = crate::edit::history::Edit::new(
            crate::edit::commands::Command::SetProgramme(Box::new(programme)),
            "Title",
        );
        s.apply(doc, edit).unwrap();
        assert_eq!(s.members_unsaved(), ["South Eastern Europe"]);
        s.undo(doc).unwrap();
        assert!(s.members_unsaved().is_empty());
        s.close_current();
        assert!(!lock::lock_path(&dir.path().join("see.ron")).exists());

        // Someone else, on another machine, opens it for editing.
        let other = lock::Holder {
            user: "amira".into(),
            host: "office-pc".into(),
            ..s.me.clone()
        };
        let _their = match lock::acquire(&dir.path().join("see.ron"), &other).unwrap() {
            lock::Acquired::Locked(l) => l,
            lock::Acquired::HeldBy(_) => panic!("free"),
        };
        assert!(!s.edit_member(0));
        assert!(
            matches!(s.member_status(0), Some(MemberStatus::LockedBy(who)) if who.contains("amira"))
        );
        assert!(s.editing_member(0).is_none());
    }

    #[test]
    fn members_are_added_and_removed_in_the_file() {
        let (dir, file) = folder();
        let mut s = session();
        s.open_portfolio(&file);
        let extra = dir.path().join("ccp").join("container.ron");
        std::fs::create_dir(dir.path().join("ccp")).unwrap();
        crate::io::save(&crate::testing::sample(), &extra).unwrap();
        s.add_members(&[extra]);
        s.wait_for_portfolio();
        let saved = io::portfolio::load_portfolio(&file).unwrap();
        assert_eq!(saved.members[2].path, "ccp/container.ron");
        assert_eq!(saved.members[2].name, "container");
        assert_eq!(s.member_status(2), Some(MemberStatus::ReadOnly));
        s.restyle_member(2, "Container Control", "#2ca02c");
        assert_eq!(
            io::portfolio::load_portfolio(&file).unwrap().members[2].name,
            "Container Control"
        );
        s.remove_member(1);
        let saved = io::portfolio::load_portfolio(&file).unwrap();
        assert_eq!(saved.members.len(), 2);
        s.wait_for_portfolio();
        let combined = s.portfolio.as_ref().unwrap().combined.clone().unwrap();
        assert_eq!(
            combined.project.activities.len(),
            2 * crate::testing::sample().activities.len()
        );
    }

    #[test]
    fn a_clash_across_files_is_found_on_a_worker_naming_both_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = crate::testing::clashing_portfolio(dir.path());
        let mut s = session();
        s.open_portfolio(&file);
        assert!(s.portfolio.as_ref().unwrap().checks_busy());
        s.wait_for_portfolio();
        let open = s.portfolio.as_ref().unwrap();
        assert!(!open.checks_busy());
        let findings = open.findings();
        let clash = findings
            .iter()
            .find(|f| f.kind == CrossKind::Clash)
            .expect("the clash in Serbia");
        assert_eq!(clash.first.member, "firearms.ron");
        assert_eq!(clash.second.member, "containers.ron");
        assert_eq!(clash.subject, "Serbia");
        let checks = open.cross_checks().unwrap();
        let line = cross::describe(&checks.members(), clash);
        assert!(line.contains("Containers “Port control visit”"), "{line}");
        assert_eq!(checks.members[clash.first_member].name, "Firearms");
        assert_eq!(open.member_index(&clash.second.member), Some(1));
        // The counts are those of the findings made in full.
        assert_eq!(checks.findings.len(), open.findings().len());
    }

    #[test]
    fn a_member_changed_on_disk_is_checked_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = crate::testing::clashing_portfolio(dir.path());
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        let clashes = |s: &Session| {
            s.portfolio
                .as_ref()
                .unwrap()
                .findings()
                .iter()
                .filter(|f| f.kind == CrossKind::Clash)
                .count()
        };
        assert_eq!(clashes(&s), 1);
        let generation = s.portfolio.as_ref().unwrap().checks_generation;
        // The containers team moves its port visit to May.
        let containers = dir.path().join("containers.ron");
        let mut moved = crate::io::load(&containers).unwrap();
        let may = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
        moved.activities[0].sessions[0].start = may;
        moved.activities[0].sessions[0].end = Some(may);
        crate::io::save(&moved, &containers).unwrap();
        s.poll_portfolio(true);
        s.wait_for_portfolio();
        assert!(s.portfolio.as_ref().unwrap().checks_generation > generation);
        assert_eq!(clashes(&s), 0);
    }

    #[test]
    fn a_pair_marked_not_a_duplicate_stays_quiet_after_a_rerun_and_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let file = crate::testing::clashing_portfolio(dir.path());
        let mut s = session();
        s.open_portfolio(&file);
        s.wait_for_portfolio();
        let duplicates = |s: &Session| -> Vec<CrossFinding> {
            s.portfolio
                .as_ref()
                .unwrap()
                .findings()
                .iter()
                .filter(|f| f.kind == CrossKind::Duplicate)
                .cloned()
                .collect()
        };
        let found = duplicates(&s);
        assert_eq!(found.len(), 1, "{found:?}");
        let (first, second) = (found[0].first.clone(), found[0].second.clone());
        assert!(s.mark_not_duplicate(first.clone(), second.clone(), " Different ports "));
        // Quiet at once, before the re-run has finished.
        assert!(duplicates(&s).is_empty());
        assert!(s.portfolio.as_ref().unwrap().checks_busy());
        s.wait_for_portfolio();
        assert!(duplicates(&s).is_empty());
        // The clash is still there: only the marked pair is quiet.
        assert!(
            s.portfolio
                .as_ref()
                .unwrap()
                .findings()
                .iter()
                .any(|f| f.kind == CrossKind::Clash)
        );
        let saved = io::portfolio::load_portfolio(&file).unwrap();
        assert_eq!(saved.not_duplicates.len(), 1);
        assert_eq!(saved.not_duplicates[0].note, "Different ports");
        assert!(saved.is_not_duplicate(&second, &first));
        // Marking it again adds nothing.
        assert!(s.mark_not_duplicate(second.clone(), first.clone(), ""));
        assert_eq!(
            io::portfolio::load_portfolio(&file)
                .unwrap()
                .not_duplicates
                .len(),
            1
        );

        let mut reopened = session();
        reopened.open_portfolio(&file);
        reopened.wait_for_portfolio();
        assert!(duplicates(&reopened).is_empty());

        // Taken back (in the other order), the pair is listed again.
        assert!(reopened.unmark_not_duplicate(&second, &first));
        reopened.wait_for_portfolio();
        assert_eq!(duplicates(&reopened).len(), 1);
        assert!(
            io::portfolio::load_portfolio(&file)
                .unwrap()
                .not_duplicates
                .is_empty()
        );
        assert!(!reopened.unmark_not_duplicate(&second, &first));
    }
}
