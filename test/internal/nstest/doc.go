// Package nstest is the shared harness of the robustness tests (test/churn,
// test/signals, test/longrun): it moves the test binary into a network
// namespace of its own, builds the netstat under test, starts and kills
// socket-holding helper processes, and reads what /proc says about a
// process (memory, descriptors, children).
//
// A test package uses it from TestMain:
//
//	func TestMain(m *testing.M) { nstest.Main(m) }
//
// and each test starts with nstest.Require(t), which skips (or, under CI,
// fails) when the harness could not set up: no root, or no netns support.
//
// Main re-executes the test binary with CLONE_NEWNET, so the whole test
// process, every socket it opens and every process it starts live in a
// fresh, unnamed namespace with only a loopback interface. The namespace
// disappears with its last process, the copy and its helpers die with
// their parent (PR_SET_PDEATHSIG), and the scratch directory (named with
// the PID) is removed at the end, or by the next run if the process was
// killed first.
package nstest
