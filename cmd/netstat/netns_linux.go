package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/linux/netns"
	"github.com/gonetstat/netstat/internal/termsafe"
	"golang.org/x/sys/unix"
)

// When a namespace option is on the command line, the main goroutine
// keeps the main thread for the whole run. setns(2) moves only the calling
// thread into a namespace; every reader sees the namespace because the
// tables are read through /proc/net (that is, /proc/self/net, the
// namespace of the thread-group leader, the main thread) and the netlink
// and ioctl sockets are opened by the main goroutine, on this thread.
// Threads the runtime starts later are cloned from its template thread,
// never from a locked one, so they stay in the namespace the program
// started in (that is where DNS lookups go out). Without these options
// nothing is locked, so the net-tools tables run as before.
func init() {
	if wantsNamespace(os.Args[1:]) {
		runtime.LockOSThread()
	}
}

// wantsNamespace reports whether args may hold --netns or --all-netns.
// Extension options match only when spelled in full, so a word that is
// not one of these cannot set them; a word that is one of them but is the
// argument of another option only locks the thread for nothing.
func wantsNamespace(args []string) bool {
	for _, a := range args {
		if a == "--netns" || a == "--all-netns" || strings.HasPrefix(a, "--netns=") {
			return true
		}
	}
	return false
}

// onMainThread reports whether the calling goroutine runs on the main
// thread, whose namespace /proc/net shows.
func onMainThread() bool {
	return unix.Gettid() == unix.Getpid()
}

// namespaceListMax is how many processes a --all-netns header names.
const namespaceListMax = 4

// inNamespaces runs here in each namespace the options name: the one of
// --netns, or each of --all-netns under a header line. The exit status is
// the worst of the runs.
func inNamespaces(opts *cli.Options, out *output, stderr *os.File, here func(*cli.Options, *output, *os.File) int) int {
	if opts.AllNetNS && (opts.NetNS != "" || opts.Continuous || opts.Watch > 0) {
		fmt.Fprintln(stderr, "netstat: --all-netns reads each namespace once: it does not go with --netns, -c or --watch")
		return cli.ExitUsage
	}
	if !onMainThread() {
		fmt.Fprintln(stderr, "netstat: internal error: namespaces are entered from the main thread only")
		return 1
	}
	home, err := netns.Current()
	if err != nil {
		namespaceError(stderr, err)
		return 1
	}
	defer home.Close()
	if !opts.AllNetNS {
		ns, err := netns.Open(opts.NetNS)
		if err != nil {
			namespaceError(stderr, err)
			return 1
		}
		defer ns.Close()
		return runInside(ns, home, opts, out, stderr, here)
	}
	homeInode, err := home.Inode()
	if err != nil {
		namespaceError(stderr, err)
		return 1
	}
	list, err := netns.Host().List()
	if err != nil {
		fmt.Fprintf(stderr, "netstat: cannot list network namespaces: %s\n", cerr.Text(err))
		return 1
	}
	worst := 0
	for i, ns := range list {
		if i > 0 && !opts.JSON {
			fmt.Fprintln(out)
		}
		writeNamespaceHeader(out, &ns, opts.JSON)
		var rc int
		if ns.Inode == homeInode {
			rc = here(opts, out, stderr)
		} else {
			rc = runListed(&ns, home, opts, out, stderr, here)
		}
		worst = max(worst, rc)
		if rc == exitHomeLost {
			return 1
		}
	}
	return worst
}

// exitHomeLost is runInside's status when the thread could not come back
// to its own namespace: nothing more can be read.
const exitHomeLost = -1

// runListed opens a namespace --all-netns found, by the first of its
// files that still opens it (a process may have ended since), and runs
// here inside it.
func runListed(ns *netns.Namespace, home *netns.Handle, opts *cli.Options, out *output, stderr *os.File, here func(*cli.Options, *output, *os.File) int) int {
	var firstErr error
	for _, path := range ns.Paths(netns.RunDir, netns.ProcRoot) {
		h, err := netns.OpenPath(path, path)
		if err != nil {
			firstErr = cmp(firstErr, err)
			continue
		}
		if ino, err := h.Inode(); err != nil || ino != ns.Inode {
			h.Close() // a process id used again by another process
			continue
		}
		rc := runInside(h, home, opts, out, stderr, here)
		h.Close()
		return rc
	}
	if firstErr == nil {
		firstErr = &netns.Error{Op: "open", Label: "net:[" + strconv.FormatUint(ns.Inode, 10) + "]", Err: errors.New("no process is in it any more")}
	}
	namespaceError(stderr, firstErr)
	return 1
}

// cmp keeps the first error.
func cmp(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// runInside enters ns, runs here, and comes back home.
func runInside(ns, home *netns.Handle, opts *cli.Options, out *output, stderr *os.File, here func(*cli.Options, *output, *os.File) int) int {
	if err := ns.Enter(); err != nil {
		namespaceError(stderr, err)
		return 1
	}
	rc := here(opts, out, stderr)
	out.Flush()
	if err := home.Enter(); err != nil {
		namespaceError(stderr, err)
		return exitHomeLost
	}
	return rc
}

// namespaceError prints why a namespace could not be opened or entered.
func namespaceError(stderr *os.File, err error) {
	var nerr *netns.Error
	if !errors.As(err, &nerr) {
		fmt.Fprintf(stderr, "netstat: %s\n", cerr.Text(err))
		return
	}
	msg := fmt.Sprintf("netstat: cannot %s network namespace %q: %s", nerr.Op, nerr.Label, cerr.Reason(nerr.Err))
	switch {
	case errors.Is(nerr.Err, unix.EPERM):
		msg += " (entering another network namespace needs root, CAP_SYS_ADMIN)"
	case errors.Is(nerr.Err, unix.EACCES):
		msg += " (another user's process: run as root)"
	case nerr.Op == "open" && errors.Is(nerr.Err, unix.ENOENT) && !strings.Contains(nerr.Label, "/"):
		msg += " (not a name under " + netns.RunDir + " nor a running process id)"
	}
	fmt.Fprintln(stderr, msg)
}

// writeNamespaceHeader writes the line that heads a namespace's section of
// --all-netns: its names, inode, processes and container. With --json it
// is a one-line JSON object, {"network_namespace":{...}}, before the
// namespace's document.
func writeNamespaceHeader(out *output, ns *netns.Namespace, json bool) {
	if json {
		writeNamespaceJSON(out, ns)
		return
	}
	var b strings.Builder
	b.WriteString("Network namespace ")
	for i, name := range ns.Names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(name))
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "(net:[%d])", ns.Inode)
	if ns.Current {
		b.WriteString(", this process's")
	}
	if len(ns.Procs) > 0 {
		b.WriteString(", pids ")
		for i, p := range ns.Procs {
			if i == namespaceListMax {
				fmt.Fprintf(&b, " and %d more", len(ns.Procs)-i)
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d (%s)", p.PID, termsafe.Inline(out, p.Program))
		}
	}
	if c := ns.Container; c.ID != "" {
		fmt.Fprintf(&b, ", container %s %s", c.Runtime, c.Short())
	}
	b.WriteByte('\n')
	out.Write([]byte(b.String()))
}

// namespaceJSON is the --json form of a namespace header.
type namespaceJSON struct {
	Inode     uint64           `json:"inode"`
	Current   bool             `json:"current"`
	Names     []string         `json:"names"`
	Processes []netns.Process  `json:"processes"`
	Container *netns.Container `json:"container,omitempty"`
}

// writeNamespaceJSON writes the --json form of a namespace header.
func writeNamespaceJSON(out *output, ns *netns.Namespace) {
	h := namespaceJSON{Inode: ns.Inode, Current: ns.Current, Names: ns.Names, Processes: ns.Procs}
	if h.Names == nil {
		h.Names = []string{}
	}
	if h.Processes == nil {
		h.Processes = []netns.Process{}
	}
	if ns.Container.ID != "" {
		h.Container = &ns.Container
	}
	line, _ := json.Marshal(map[string]namespaceJSON{"network_namespace": h})
	out.Write(append(line, '\n'))
}
