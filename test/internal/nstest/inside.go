package nstest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"syscall"

	"golang.org/x/sys/unix"
)

// scratch is a directory for the binary under test and socket paths,
// removed when the tests end.
var scratch string

// setupInside prepares the copy running in the new namespace: it checks
// that the namespace is really new, brings up lo, makes SIGINT deliverable
// to the processes it starts, and builds the netstat under test.
func setupInside() error {
	inner, err := os.Readlink("/proc/self/ns/net")
	if err != nil {
		return err
	}
	if inner == os.Getenv(envInside) {
		return fmt.Errorf("still in the outer network namespace %s", inner)
	}
	if err := loopbackUp(); err != nil {
		return fmt.Errorf("bringing up lo: %w", err)
	}
	catchInterrupt()
	sweepStale()
	if scratch, err = os.MkdirTemp("", fmt.Sprintf("gnst-nstest-%d-", os.Getpid())); err != nil {
		return err
	}
	if err := os.Chmod(scratch, 0o755); err != nil {
		return err
	}
	return build()
}

// cleanup removes the scratch directory.
func cleanup() {
	if scratch != "" {
		os.RemoveAll(scratch)
	}
}

// staleScratch matches scratch directories and captures the PID that made
// them.
var staleScratch = regexp.MustCompile(`^gnst-nstest-(\d+)-\d+$`)

// sweepStale removes the scratch directories of test processes that died
// before their cleanup (killed by go test -timeout, for example).
func sweepStale() {
	ents, _ := os.ReadDir(os.TempDir())
	for _, e := range ents {
		m := staleScratch.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		if _, err := os.Stat("/proc/" + m[1]); errors.Is(err, fs.ErrNotExist) {
			os.RemoveAll(filepath.Join(os.TempDir(), e.Name()))
		}
	}
}

// loopbackUp sets IFF_UP on lo, which is down in a new namespace.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return err
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return err
	}
	if !loopbackReady() {
		return errors.New("127.0.0.1 is not reachable after IFF_UP")
	}
	return nil
}

// loopbackReady reports whether a TCP listener on 127.0.0.1 can be made.
func loopbackReady() bool {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	return unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}) == nil
}

// catchInterrupt installs a SIGINT handler. A shell starts background jobs
// with SIGINT ignored, and an ignored signal stays ignored across execve, so
// without a handler here the netstat runs would not die of SIGINT. With a
// handler, execve resets it to the default. On SIGINT the tests end (the
// helpers die with this process).
func catchInterrupt() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGINT)
	go func() {
		<-c
		fmt.Fprintln(os.Stderr, "nstest: interrupted")
		cleanup()
		os.Exit(130)
	}()
}
