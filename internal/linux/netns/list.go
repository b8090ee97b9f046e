package netns

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Namespace is one network namespace found on the host.
type Namespace struct {
	// Inode is the namespace's nsfs inode, the N of "net:[N]".
	Inode uint64
	// Current is true for the namespace of the thread that listed.
	Current bool
	// Names are the names it is mounted under in /run/netns, sorted.
	Names []string
	// Procs are the processes in it, by pid.
	Procs []Process
	// Container is the first container one of Procs runs in, if any.
	Container Container
}

// Process is a process of a namespace.
type Process struct {
	PID     int    `json:"pid"`
	Program string `json:"program"` // as -p shows it (see programOf), else comm
}

// Paths returns the files that open the namespace: its names under
// runDir, then /proc/PID/ns/net of each process.
func (n *Namespace) Paths(runDir, procRoot string) []string {
	var paths []string
	for _, name := range n.Names {
		paths = append(paths, filepath.Join(runDir, name))
	}
	for _, p := range n.Procs {
		paths = append(paths, filepath.Join(procRoot, strconv.Itoa(p.PID), "ns", "net"))
	}
	return paths
}

// Lister finds the namespaces of a host. Its zero value is not usable;
// see Host.
type Lister struct {
	ProcRoot string // /proc
	RunDir   string // /run/netns
	// NamedInode returns the namespace inode behind a file of RunDir, or
	// ok false when it is not a mounted namespace (a name left over after
	// a failed "ip netns add").
	NamedInode func(path string) (ino uint64, ok bool)
}

// Host returns the Lister of the running system.
func Host() Lister {
	return Lister{ProcRoot: ProcRoot, RunDir: RunDir, NamedInode: nsfsInode}
}

// nsfsInode stats path and checks that it is on nsfs.
func nsfsInode(path string) (uint64, bool) {
	var fs unix.Statfs_t
	if err := unix.Statfs(path, &fs); err != nil || fs.Type != unix.NSFS_MAGIC {
		return 0, false
	}
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return 0, false
	}
	return st.Ino, true
}

// List returns every namespace that a process is in or that is named in
// RunDir, each once: the current one first, then named ones by name, then
// the others by their lowest pid. Processes whose namespace cannot be
// read (another user's, without root) or that ended are left out.
func (l Lister) List() ([]Namespace, error) {
	byInode := map[uint64]*Namespace{}
	get := func(ino uint64) *Namespace {
		ns := byInode[ino]
		if ns == nil {
			ns = &Namespace{Inode: ino}
			byInode[ino] = ns
		}
		return ns
	}
	if ino, ok := linkInode(filepath.Join(l.ProcRoot, "thread-self", "ns", "net")); ok {
		get(ino).Current = true
	}
	if ents, err := os.ReadDir(l.RunDir); err == nil {
		for _, e := range ents {
			if ino, ok := l.NamedInode(filepath.Join(l.RunDir, e.Name())); ok {
				ns := get(ino)
				ns.Names = append(ns.Names, e.Name())
			}
		}
	}
	pids, err := l.pids()
	if err != nil {
		return nil, err
	}
	for _, pid := range pids {
		dir := filepath.Join(l.ProcRoot, strconv.Itoa(pid))
		ino, ok := linkInode(filepath.Join(dir, "ns", "net"))
		if !ok {
			continue
		}
		ns := get(ino)
		ns.Procs = append(ns.Procs, Process{PID: pid, Program: programOf(dir)})
		if ns.Container.ID == "" {
			if f, err := os.Open(filepath.Join(dir, "cgroup")); err == nil {
				ns.Container, _ = ParseContainer(f)
				f.Close()
			}
		}
	}
	list := make([]Namespace, 0, len(byInode))
	for _, ns := range byInode {
		slices.Sort(ns.Names)
		list = append(list, *ns)
	}
	slices.SortFunc(list, compareNamespaces)
	return list, nil
}

// compareNamespaces orders List's result.
func compareNamespaces(a, b Namespace) int {
	switch {
	case a.Current != b.Current:
		if a.Current {
			return -1
		}
		return 1
	case (len(a.Names) > 0) != (len(b.Names) > 0):
		if len(a.Names) > 0 {
			return -1
		}
		return 1
	case len(a.Names) > 0:
		return strings.Compare(a.Names[0], b.Names[0])
	case len(a.Procs) > 0 && len(b.Procs) > 0:
		return a.Procs[0].PID - b.Procs[0].PID
	}
	if a.Inode < b.Inode {
		return -1
	}
	if a.Inode > b.Inode {
		return 1
	}
	return 0
}

// pids returns the process ids under ProcRoot, ascending.
func (l Lister) pids() ([]int, error) {
	ents, err := os.ReadDir(l.ProcRoot)
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range ents {
		if n, err := strconv.Atoi(e.Name()); err == nil && n > 0 {
			pids = append(pids, n)
		}
	}
	slices.Sort(pids)
	return pids, nil
}

// linkInode reads a namespace link, "net:[N]", and returns N.
func linkInode(path string) (uint64, bool) {
	target, err := os.Readlink(path)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(target, "net:[")
	if !ok {
		return 0, false
	}
	digits, ok := strings.CutSuffix(rest, "]")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return n, err == nil
}

// programOf returns the program name of the process whose /proc directory
// is dir as net-tools' -p shows it: argv[0] from the first 511 bytes of
// the command line, cut after its last '/' only when it starts with '/'.
// When that is empty (kernel threads, zombies, a path ending in '/') it is
// comm.
func programOf(dir string) string {
	if cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline")); err == nil && len(cmdline) > 0 {
		arg0, _, _ := bytes.Cut(cmdline[:min(len(cmdline), 511)], []byte{0})
		if len(arg0) > 0 && arg0[0] == '/' {
			arg0 = arg0[bytes.LastIndexByte(arg0, '/')+1:]
		}
		if len(arg0) > 0 {
			return string(arg0)
		}
	}
	comm, err := os.ReadFile(filepath.Join(dir, "comm"))
	if err != nil {
		return ""
	}
	return string(bytes.TrimSuffix(comm, []byte("\n")))
}
