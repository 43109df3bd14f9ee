"""Asks the app's window to close the way a window manager does when the clerk clicks the
title bar's × or presses Alt+F4: an X11 WM_DELETE_WINDOW message to every top-level window
on this display that accepts one (each E2E file has its own Xvfb, so that is only the app).
WebDriver's own "close window" cannot stand in: it destroys the web view without the window's
close request. Prints how many windows were asked."""

import ctypes
import ctypes.util
import sys

x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 4
x.XGetWMProtocols.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x.XFlush.argtypes = [ctypes.c_void_p]
x.XFree.argtypes = [ctypes.c_void_p]


class ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]


dpy = x.XOpenDisplay(None)
if not dpy:
    sys.exit("no X display")
protocols_atom = x.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
delete_atom = x.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
root, parent = ctypes.c_ulong(), ctypes.c_ulong()
children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
x.XQueryTree(dpy, x.XDefaultRootWindow(dpy), ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n))
asked = 0
for i in range(n.value):
    w = children[i]
    protos, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_int()
    if not x.XGetWMProtocols(dpy, w, ctypes.byref(protos), ctypes.byref(count)):
        continue
    accepts = any(protos[j] == delete_atom for j in range(count.value))
    x.XFree(protos)
    if not accepts:
        continue
    ev = XEvent()
    ev.xclient.type = 33  # ClientMessage
    ev.xclient.window = w
    ev.xclient.message_type = protocols_atom
    ev.xclient.format = 32
    ev.xclient.data[0] = delete_atom
    ev.xclient.data[1] = 0  # CurrentTime
    x.XSendEvent(dpy, w, 0, 0, ctypes.byref(ev))
    asked += 1
if children:
    x.XFree(children)
x.XFlush(dpy)
print(asked)
