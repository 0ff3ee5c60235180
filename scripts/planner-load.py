#!/usr/bin/env python3
"""Times GNOME Planner's file loader: libplanner's mrp_project_load, the call the Planner window
makes to open a file (parse the XML, build the tasks, links and calendar), without the window.
  python3 scripts/planner-load.py FILE.planner [RUNS]
prints one load time per run in ms (the call alone), then on stderr the number of tasks and the
start dates of two sessions as a check that the tasks were read. Needs Debian's `planner`.
"""
import ctypes, os, sys, time

lib = ctypes.CDLL("/usr/lib/x86_64-linux-gnu/planner/libplanner-1.so.1")
glib = ctypes.CDLL("libglib-2.0.so.0")
P = ctypes.c_void_p
for name, res, args in [
    ("mrp_application_new", P, []),
    ("mrp_project_new", P, [P]),
    ("mrp_project_load", ctypes.c_int, [P, ctypes.c_char_p, P]),
    ("mrp_project_get_all_tasks", P, [P]),
    ("mrp_task_get_name", ctypes.c_char_p, [P]),
    ("mrp_task_get_start", ctypes.c_long, [P]),
]:
    getattr(lib, name).restype = res
    getattr(lib, name).argtypes = args
glib.g_list_length.argtypes = [P]
glib.g_list_nth_data.argtypes = [P, ctypes.c_uint]
glib.g_list_nth_data.restype = P

path = ("file://" + os.path.abspath(sys.argv[1])).encode()  # it takes a URI
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
app = lib.mrp_application_new()
for _ in range(runs):
    project = lib.mrp_project_new(app)
    error = P()
    start = time.perf_counter()
    ok = lib.mrp_project_load(project, path, ctypes.byref(error))
    elapsed = time.perf_counter() - start
    if not ok:
        sys.exit("planner could not load the file")
    print(f"{elapsed * 1000:.1f}")
tasks = lib.mrp_project_get_all_tasks(project)
n = glib.g_list_length(tasks)
sample = []
for i in range(n):
    task = glib.g_list_nth_data(tasks, i)
    name = lib.mrp_task_get_name(task).decode()
    if name[0].isdigit() and len(sample) < 2:
        sample.append(f"{name} starts {time.strftime('%Y-%m-%d', time.gmtime(lib.mrp_task_get_start(task)))}")
print(f"check: {n} tasks; " + "; ".join(sample), file=sys.stderr)
sys.stdout.flush()
os._exit(0)  # glib's clean-up at interpreter exit crashes
