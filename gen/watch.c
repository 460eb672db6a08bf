/* watch.c - `planpress watch`: builds, then builds again whenever something
 * under the content or templates folder changes (inotify, every folder
 * watched). Each build runs in a child process that exits when it is done,
 * so this process holds only its watches: a build that crashes or leaks
 * cannot take it down, and every build starts as `planpress build` does. */
#include "watch.h"
#include "diag.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_WRITE = 3 };

/* Editors save in steps (a backup renamed, the file truncated, then
 * written): a build starts once this long has passed with no change ... */
#define QUIET_MS 150
/* ... or this long after the first change, so that a stream of changes (a
 * large folder copied in) is built in parts rather than never. */
#define BATCH_MAX_MS 2000
/* While the content or templates folder is missing, looked for this often. */
#define ROOT_RETRY_MS 1000
/* Distinct paths kept for the `changed:` line (memory stays bounded), and
 * how many of them it names. */
#define CHANGES_KEPT 1000
#define CHANGES_SHOWN 3

/* What changes a file's bytes, a name or a folder's entries. Reading is not
 * among them (IN_ACCESS, IN_OPEN), so a build's own reading of the content
 * never sets off another build. */
#define WATCH_MASK (IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | \
		    IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

struct watched {
	int wd;
	char *path;	/* as shown: the root as given, then the names under it */
	char *real;	/* without links, to compare with the output folder's */
};

struct watcher {
	int fd;			/* inotify's */
	const char *roots[2];	/* the content and templates folders */
	bool root_missing[2];	/* could not be watched: looked for again */
	const char *out;
	char *out_real;		/* the output folder's real path, or NULL */
	struct watched *dirs;
	size_t n_dirs;
	bool full_said;		/* "no more watches" said, once */
};

struct changed_path {
	char *path;
	bool made;	/* first seen made: gone again by the build, it was an
			 * editor's or a tool's temporary file (sed -i's "sedXXXXXX") */
};

struct changes {
	struct changed_path *at;	/* distinct paths, in the order they first changed */
	size_t n;
	bool past;	/* more changed than CHANGES_KEPT */
	bool lost;	/* the kernel's queue overflowed: some changes unnamed */
	bool folders;	/* a folder came, went or moved: the folders walked again */
	long long first_ms;
};

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static char *joined(const char *dir, const char *name)
{
	char *path = xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(path, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return path;
}

/* path is dir or lies under it */
static bool inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The output folder's real path. The first build may not have made it yet:
 * then its parent's real path and its own name. NULL when neither is there. */
static char *real_out(const char *out)
{
	char buf[PATH_MAX];
	if (realpath(out, buf))
		return xstrdup(buf);
	char *parent = xstrdup(out);
	size_t len = strlen(parent);
	while (len > 1 && parent[len - 1] == '/')
		parent[--len] = '\0';
	char *slash = strrchr(parent, '/');
	char *real = NULL;
	if (!slash) {
		if (realpath(".", buf))
			real = joined(buf, parent);
	} else if (slash == parent) {
		real = joined("/", slash + 1);
	} else {
		*slash = '\0';
		if (realpath(parent, buf))
			real = joined(buf, slash + 1);
	}
	free(parent);
	return real;
}

/* real, named in the folder dir_real, is the output folder or in it: the
 * builds' own writing, never a change. Unless dir_real is in it too: an
 * output folder that holds a watched folder (--out . --content content)
 * does not hide that folder's changes. */
static bool in_output(const struct watcher *w, const char *dir_real, const char *real)
{
	return w->out_real && inside(real, w->out_real) && !inside(dir_real, w->out_real);
}

static long find_wd(const struct watched *dirs, size_t n, int wd)
{
	for (size_t i = 0; i < n; i++)
		if (dirs[i].wd == wd)
			return (long)i;
	return -1;
}

/* One folder watched and added to list (once: a folder reached twice, by a
 * bind mount or as both roots, has one watch). A root may be a link to its
 * folder; the folders under it are not followed through links, as the
 * content walker does not follow them. */
static bool watch_folder(struct watcher *w, struct watched **list, size_t *n, const char *path,
			 const char *real, bool root)
{
	uint32_t mask = WATCH_MASK | IN_ONLYDIR | (root ? 0 : IN_DONT_FOLLOW);
	int wd = inotify_add_watch(w->fd, path, mask);
	if (wd < 0) {
		if (errno == ENOSPC && !w->full_said) {
			char *shown = diag_escape(path);
			fprintf(stderr, "planpress: cannot watch %s and the folders after it: "
				"no more watches allowed (raise fs.inotify.max_user_watches)\n",
				shown);
			free(shown);
			w->full_said = true;
		}
		return false;
	}
	if (find_wd(*list, *n, wd) >= 0)
		return true;
	*list = xgrow(*list, *n, sizeof **list);
	(*list)[(*n)++] = (struct watched){ wd, xstrdup(path), xstrdup(real) };
	return true;
}

/* Every folder under the roots watched, found breadth first (no recursion,
 * however deep), then the watches of folders no longer found (removed, or
 * moved away) removed: walked again whenever folders change, so the table
 * always names each folder by where it is now, and no watch is leaked. */
static void watch_all(struct watcher *w)
{
	free(w->out_real);
	w->out_real = real_out(w->out);
	struct watched *list = NULL;
	size_t n = 0;
	for (size_t r = 0; r < 2; r++) {
		char real[PATH_MAX];
		w->root_missing[r] = !realpath(w->roots[r], real) ||
				     !watch_folder(w, &list, &n, w->roots[r], real, true);
	}
	for (size_t i = 0; i < n; i++) {
		DIR *d = opendir(list[i].path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			/* hidden names are skipped, as the content walker skips them:
			 * ".", "..", .git, editors' swap files, and the build's own
			 * .planpress-staging.PID when the output folder is in here */
			if (e->d_name[0] == '.')
				continue;
			char *path = joined(list[i].path, e->d_name);
			char *real = joined(list[i].real, e->d_name);
			struct stat st;
			/* the output folder changes with every build: never watched */
			if (!in_output(w, list[i].real, real) && lstat(path, &st) == 0 &&
			    S_ISDIR(st.st_mode))
				watch_folder(w, &list, &n, path, real, false);
			free(path);
			free(real);
		}
		if (d)
			closedir(d);
	}
	for (size_t i = 0; i < w->n_dirs; i++) {
		if (find_wd(list, n, w->dirs[i].wd) < 0)
			inotify_rm_watch(w->fd, w->dirs[i].wd);	/* gone already: EINVAL */
		free(w->dirs[i].path);
		free(w->dirs[i].real);
	}
	free(w->dirs);
	w->dirs = list;
	w->n_dirs = n;
}

static void add_change(struct changes *c, char *path, bool made)
{
	if (c->first_ms < 0)
		c->first_ms = now_ms();
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->at[i].path, path) == 0) {
			free(path);
			return;
		}
	if (c->n == CHANGES_KEPT) {
		c->past = true;
		free(path);
		return;
	}
	c->at = xgrow(c->at, c->n, sizeof *c->at);
	c->at[c->n++] = (struct changed_path){ path, made };
}

/* The temporary files made and gone again within the batch dropped: they
 * changed nothing the build reads. False when nothing is left to build. */
static bool drop_passing(struct changes *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct stat st;
		if (c->at[i].made && lstat(c->at[i].path, &st) != 0)
			free(c->at[i].path);
		else
			c->at[kept++] = c->at[i];
	}
	c->n = kept;
	return c->n || c->past || c->lost || c->folders;
}

static void clear_changes(struct changes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->at[i].path);
	free(c->at);
	*c = (struct changes){ .first_ms = -1 };
}

/* One event into c, unless it is of no interest to a build: a hidden name,
 * the output folder, a folder's own attributes, a watch removed. */
static void take_event(struct watcher *w, const struct inotify_event *ev, struct changes *c)
{
	if (ev->mask & IN_Q_OVERFLOW) {
		c->lost = c->folders = true;
		if (c->first_ms < 0)
			c->first_ms = now_ms();
		return;
	}
	long i = find_wd(w->dirs, w->n_dirs, ev->wd);
	if (i < 0 || (ev->mask & IN_IGNORED))
		return;
	const struct watched *dir = &w->dirs[i];
	char *path;
	if (ev->len && ev->name[0]) {
		if (ev->name[0] == '.')
			return;
		char *real = joined(dir->real, ev->name);
		bool out = in_output(w, dir->real, real);
		free(real);
		if (out)
			return;
		path = joined(dir->path, ev->name);
	} else if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
		path = xstrdup(dir->path);	/* a root: the others' come to their parent too */
	} else {
		return;
	}
	if (ev->mask & (IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF))
		c->folders = true;
	add_change(c, path, ev->mask & (IN_CREATE | IN_MOVED_TO));
}

/* Every event waiting, into c. */
static void take_events(struct watcher *w, struct changes *c)
{
	_Alignas(struct inotify_event) char buf[16384];
	ssize_t got;
	while ((got = read(w->fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + got;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			take_event(w, ev, c);
			p += sizeof *ev + ev->len;
		}
	}
}

/* Reads the signals waiting: true when one asks to stop. */
static bool stop_asked(int sig_fd)
{
	struct signalfd_siginfo si;
	bool stop = false;
	while (read(sig_fd, &si, sizeof si) == (ssize_t)sizeof si)
		stop |= si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM;
	return stop;
}

/* Waits for a change that matters, then gathers more until QUIET_MS pass
 * with none (or BATCH_MAX_MS since the first): false when a signal asks to
 * stop. Blocks in poll, never spins. */
static bool wait_for_changes(struct watcher *w, int sig_fd, struct changes *c)
{
	for (;;) {
		int timeout = -1;
		if (c->n || c->lost) {
			long long left = c->first_ms + BATCH_MAX_MS - now_ms();
			if (left <= 0)
				return true;
			timeout = left < QUIET_MS ? (int)left : QUIET_MS;
		} else if (w->root_missing[0] || w->root_missing[1]) {
			timeout = ROOT_RETRY_MS;
		}
		struct pollfd p[2] = { { w->fd, POLLIN, 0 }, { sig_fd, POLLIN, 0 } };
		int ready = poll(p, 2, timeout);
		if (ready < 0 && errno != EINTR)
			return false;
		if (ready > 0 && p[1].revents && stop_asked(sig_fd))
			return false;
		if (ready > 0 && p[0].revents) {
			take_events(w, c);
		} else if (ready == 0 && (c->n || c->lost)) {
			return true;	/* quiet for QUIET_MS */
		} else if (ready == 0) {
			/* a root that was missing (moved away and back, a checkout)
			 * is watched again once it is there, and built */
			bool was[2] = { w->root_missing[0], w->root_missing[1] };
			watch_all(w);
			for (size_t r = 0; r < 2; r++)
				if (was[r] && !w->root_missing[r])
					add_change(c, xstrdup(w->roots[r]), false);
		}
	}
}

/* "changed: content/plans/x.yaml", or the first few and how many more. */
static void say_changes(const struct changes *c)
{
	fputs("changed: ", stderr);
	size_t shown = c->n < CHANGES_SHOWN ? c->n : CHANGES_SHOWN;
	for (size_t i = 0; i < shown; i++) {
		if (i)
			fputs(", ", stderr);
		diag_write_escaped(stderr, c->at[i].path);
	}
	if (c->past)
		fprintf(stderr, " and over %zu more", c->n - shown);
	else if (c->n > shown)
		fprintf(stderr, " and %zu more", c->n - shown);
	if (c->lost)
		fputs(shown ? " (and others too many to name)" : "too many files to name", stderr);
	fputc('\n', stderr);
}

/* One build, as `planpress build` makes it, in a child process; this one
 * waits for it. A SIGINT or SIGTERM meanwhile sets *stop, and the build is
 * left to end: Ctrl-C at a terminal reaches the build too (one process
 * group) and stops it there, and the writer leaves the output folder whole
 * even then; a SIGTERM sent to watch alone (a service manager, a test) lets
 * the build finish, so no staging folder is left in the output folder. A
 * second signal kills the build (the next build clears what it left). */
static void build_in_child(const struct build_options *o, struct watcher *w, int sig_fd,
			   const sigset_t *old_mask, bool *stop)
{
	fflush(NULL);	/* nothing buffered is written twice */
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "planpress: cannot start a build: %s\n", strerror(errno));
		return;
	}
	if (pid == 0) {
		close(w->fd);
		close(sig_fd);
		sigprocmask(SIG_SETMASK, old_mask, NULL);
		int status = build_site(o);
		fflush(NULL);
		_exit(status);	/* the build's memory goes with the process */
	}
	int status = 0;
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid || (got < 0 && errno != EINTR))
			break;
		/* SIGCHLD is blocked and read from sig_fd: the child's end wakes
		 * this poll even when it comes between waitpid and poll */
		struct pollfd p = { sig_fd, POLLIN, 0 };
		if (poll(&p, 1, -1) > 0 && stop_asked(sig_fd)) {
			if (*stop)
				kill(pid, SIGKILL);
			*stop = true;
		}
	}
	if (WIFSIGNALED(status) && !*stop)
		fprintf(stderr, "planpress: the build ended with signal %d (%s); "
			"watching goes on\n", WTERMSIG(status), strsignal(WTERMSIG(status)));
}

int watch_site(const struct build_options *o)
{
	struct watcher w = { .fd = -1, .roots = { o->content, o->templates }, .out = o->out };
	struct changes c = { .first_ms = -1 };
	/* SIGINT, SIGTERM and SIGCHLD are read from a signalfd, so each wait is
	 * one poll with no race against a handler. A SIGINT ignored when watch
	 * started (run in the background by a shell) stays ignored; SIGCHLD
	 * ignored would leave no child to wait for. */
	sigset_t signals, old_mask;
	struct sigaction sa;
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGCHLD);
	if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
		sigaddset(&signals, SIGINT);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_BLOCK, &signals, &old_mask);
	int status = EXIT_OK;
	int sig_fd = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
	w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (sig_fd < 0 || w.fd < 0) {
		fprintf(stderr, "planpress: cannot watch for changes: %s\n", strerror(errno));
		status = EXIT_WRITE;
		goto done;
	}
	/* watched before the first build, so a change made while it runs is
	 * built next */
	watch_all(&w);
	bool stop = false;
	build_in_child(o, &w, sig_fd, &old_mask, &stop);
	if (!o->quiet && !stop) {
		char *content = diag_escape(o->content), *templates = diag_escape(o->templates);
		fprintf(stderr, "watching %s and %s for changes (Ctrl-C to stop)\n", content,
			templates);
		free(content);
		free(templates);
	}
	while (!stop && wait_for_changes(&w, sig_fd, &c)) {
		if (c.folders)
			watch_all(&w);
		if (!drop_passing(&c)) {
			clear_changes(&c);
			continue;
		}
		if (!o->quiet)
			say_changes(&c);
		clear_changes(&c);
		build_in_child(o, &w, sig_fd, &old_mask, &stop);
		/* the first build may have made the output folder, or a path in it */
		free(w.out_real);
		w.out_real = real_out(o->out);
	}
done:
	clear_changes(&c);
	for (size_t i = 0; i < w.n_dirs; i++) {
		free(w.dirs[i].path);
		free(w.dirs[i].real);
	}
	free(w.dirs);
	free(w.out_real);
	if (w.fd >= 0)
		close(w.fd);	/* every watch with it */
	if (sig_fd >= 0)
		close(sig_fd);
	/* the signals stay blocked: a second SIGTERM now must not turn the
	 * exit status of a clean stop into death by signal */
	return status;
}
