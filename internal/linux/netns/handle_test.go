package netns

import (
	"errors"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/gonetstat/netstat/internal/testenv"
	"golang.org/x/sys/unix"
)

func TestOpenNotNamespace(t *testing.T) {
	_, err := OpenPath("testdata/run/netns/stale", "stale")
	if !errors.Is(err, ErrNotNetNS) {
		t.Errorf("OpenPath of a plain file: %v, want ErrNotNetNS", err)
	}
	_, err = Open("/nonexistent/netns")
	var nerr *Error
	if !errors.As(err, &nerr) || nerr.Op != "open" || !errors.Is(err, unix.ENOENT) {
		t.Errorf("Open of a missing path: %v, want an open Error with ENOENT", err)
	}
}

func TestOpenOwnNamespace(t *testing.T) {
	h, err := Open(strconv.Itoa(os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	ino, err := h.Inode()
	if err != nil {
		t.Fatal(err)
	}
	want, ok := linkInode("/proc/self/ns/net")
	if !ok || ino != want {
		t.Errorf("Inode = %d, /proc/self/ns/net says %d", ino, want)
	}
}

// TestEnterAndComeBack makes a namespace on a locked thread, enters it
// from another locked thread, and comes back.
func TestEnterAndComeBack(t *testing.T) {
	if os.Geteuid() != 0 {
		testenv.Skip(t, "entering a namespace needs root")
	}
	made := make(chan string, 1)
	release := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
			made <- "error: " + err.Error()
			return
		}
		made <- "ok"
		<-release
	}()
	status := <-made
	defer close(release)
	if status != "ok" {
		testenv.Skip(t, status)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	home, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	defer home.Close()
	homeIno, _ := home.Inode()
	other := findOtherThreadNamespace(t, homeIno)
	defer other.Close()
	if err := other.Enter(); err != nil {
		t.Fatal(err)
	}
	inside, _ := linkInode("/proc/thread-self/ns/net")
	otherIno, _ := other.Inode()
	if inside != otherIno || inside == homeIno {
		t.Errorf("after Enter the thread is in net:[%d], want net:[%d]", inside, otherIno)
	}
	if err := home.Enter(); err != nil {
		t.Fatal(err)
	}
	if back, _ := linkInode("/proc/thread-self/ns/net"); back != homeIno {
		t.Errorf("after coming back the thread is in net:[%d], want net:[%d]", back, homeIno)
	}
}

// findOtherThreadNamespace opens the namespace of a thread of this process
// that is not in home.
func findOtherThreadNamespace(t *testing.T, home uint64) *Handle {
	t.Helper()
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		path := "/proc/self/task/" + task.Name() + "/ns/net"
		if ino, ok := linkInode(path); ok && ino != home {
			h, err := OpenPath(path, "thread "+task.Name())
			if err != nil {
				t.Fatal(err)
			}
			return h
		}
	}
	t.Fatal("no thread in another namespace")
	return nil
}
