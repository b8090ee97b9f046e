package compat

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"

	"golang.org/x/sys/unix"
)

// The re-executed test binary chooses its role from these variables.
const (
	envRole       = "GNST_ROLE"
	roleHolder    = "holder"
	roleExec      = "exec"
	envExecPath   = "GNST_EXEC_PATH"  // exec role: binary to execve
	envExecArgv0  = "GNST_EXEC_ARGV0" // exec role: its argv[0]
	envExecUID    = "GNST_EXEC_UID"   // exec role: drop to this uid (and gid) first
	envHolderSpec = "GNST_HOLDER_SPEC"
	envExecReader = "GNST_EXEC_READER" // exec role: NETSTAT_READER for the target
)

// baseEnv is the whole environment of every process the harness starts, so
// that both netstat sides see the same (C locale, no LANG or LC_*).
var baseEnv = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/"}

// execMain implements the exec role: optionally drop privileges, then
// replace this process with the target binary, keeping the PID.
func execMain() int {
	runtime.LockOSThread()
	path := os.Getenv(envExecPath)
	argv0 := os.Getenv(envExecArgv0)
	if path == "" || argv0 == "" {
		fmt.Fprintln(os.Stderr, "compat exec shim: missing", envExecPath, "or", envExecArgv0)
		return 125
	}
	if s := os.Getenv(envExecUID); s != "" {
		id, err := strconv.Atoi(s)
		if err == nil {
			err = dropPrivileges(id)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "compat exec shim: dropping privileges:", err)
			return 125
		}
	}
	argv := append([]string{argv0}, os.Args[1:]...)
	execEnv := baseEnv
	if r := os.Getenv(envExecReader); r != "" {
		// Both sides get it; only ours reads it.
		execEnv = append(execEnv[:len(execEnv):len(execEnv)], "NETSTAT_READER="+r)
	}
	err := unix.Exec(path, argv, execEnv)
	fmt.Fprintln(os.Stderr, "compat exec shim: execve", path+":", err)
	return 125
}

// dropPrivileges switches to uid and gid id with no supplementary groups, in
// the order SysProcAttr.Credential uses.
func dropPrivileges(id int) error {
	if err := unix.Setgroups(nil); err != nil {
		return err
	}
	if err := unix.Setresgid(id, id, id); err != nil {
		return err
	}
	return unix.Setresuid(id, id, id)
}

// startInNetns starts cmd inside the network namespace nsName. The fork
// happens on an OS thread that has entered the namespace with setns; that
// thread is never unlocked, so the Go runtime discards it afterwards and no
// other goroutine ever runs in the namespace.
func startInNetns(nsName string, cmd *exec.Cmd) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		fd, err := unix.Open("/run/netns/"+nsName, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- fmt.Errorf("open netns %s: %w", nsName, err)
			return
		}
		err = unix.Setns(fd, unix.CLONE_NEWNET)
		unix.Close(fd)
		if err != nil {
			errc <- fmt.Errorf("setns %s: %w", nsName, err)
			return
		}
		errc <- cmd.Start()
	}()
	return <-errc
}
