# Draws each chart's email-layout SVG with librsvg (a general SVG renderer, what the build used
# before ChartPainter) and compares it with the PNG the build wrote: mean absolute difference per
# channel, and the share of pixels that differ by more than 64 in any channel; saves the worst pair
# side by side as /tmp/png-compare.png.
# Usage (from the repository, after `chartbook build`):
#   swift run -c release chartbook bench --only png --runs 1 --write-data /tmp/png-svgs
#   python3 Benchmarks/png_compare.py /tmp/png-svgs      (needs librsvg2-2, python3-numpy, python3-pil)
import ctypes, glob, re, sys, numpy as np
from PIL import Image
rsvg=ctypes.CDLL("librsvg-2.so.2"); cairo=ctypes.CDLL("libcairo.so.2")
rsvg.rsvg_handle_new_from_data.restype=ctypes.c_void_p
rsvg.rsvg_handle_new_from_data.argtypes=[ctypes.c_char_p,ctypes.c_size_t,ctypes.c_void_p]
cairo.cairo_image_surface_create.restype=ctypes.c_void_p
cairo.cairo_create.restype=ctypes.c_void_p; cairo.cairo_create.argtypes=[ctypes.c_void_p]
for f in ['cairo_paint','cairo_destroy','cairo_surface_flush']: getattr(cairo,f).argtypes=[ctypes.c_void_p]
cairo.cairo_set_source_rgb.argtypes=[ctypes.c_void_p,ctypes.c_double,ctypes.c_double,ctypes.c_double]
cairo.cairo_image_surface_get_data.restype=ctypes.c_void_p; cairo.cairo_image_surface_get_data.argtypes=[ctypes.c_void_p]
cairo.cairo_image_surface_get_stride.argtypes=[ctypes.c_void_p]
class R(ctypes.Structure): _fields_=[('x',ctypes.c_double),('y',ctypes.c_double),('w',ctypes.c_double),('h',ctypes.c_double)]
rsvg.rsvg_handle_render_document.argtypes=[ctypes.c_void_p,ctypes.c_void_p,ctypes.POINTER(R),ctypes.c_void_p]
def librsvg(svg):
    m=re.search(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"',svg); W,H=round(float(m.group(1))*2),round(float(m.group(2))*2)
    hd=rsvg.rsvg_handle_new_from_data(svg,len(svg),None)
    s=cairo.cairo_image_surface_create(1,W,H); cr=cairo.cairo_create(s)
    cairo.cairo_set_source_rgb(cr,1,1,1); cairo.cairo_paint(cr)
    rsvg.rsvg_handle_render_document(hd,cr,ctypes.byref(R(0,0,W,H)),None); cairo.cairo_surface_flush(s)
    stride=cairo.cairo_image_surface_get_stride(s)
    buf=ctypes.string_at(cairo.cairo_image_surface_get_data(s),stride*H)
    a=np.frombuffer(buf,dtype=np.uint8).reshape(H,stride)[:, :W*4].reshape(H,W,4)
    return a[:,:,[2,1,0]].astype(int)
means=[];shares=[]
for f in sorted(glob.glob(sys.argv[1]+'/*.svg')):
    issue=re.match(r'png-\d+-(.*)\.svg',f.split('/')[-1]).group(1)
    svg=open(f,'rb').read()
    n=re.search(rb'id="chart-(\d+)-email"',svg).group(1).decode()
    ours=np.asarray(Image.open(f'Output/issues/{issue}/chart-{n}.png').convert('RGB')).astype(int)
    ref=librsvg(svg)
    d=np.abs(ours-ref)
    means.append(d.mean()); shares.append((d.max(axis=2)>64).mean()*100)
print('charts %d; mean abs difference per channel: median %.2f, max %.2f (of 255); pixels differing by >64: median %.2f%%, max %.2f%%'%(len(means),np.median(means),max(means),np.median(shares),max(shares)))
worst=int(np.argmax(means)); f=sorted(glob.glob(sys.argv[1]+'/*.svg'))[worst]
issue=re.match(r'png-\d+-(.*)\.svg',f.split('/')[-1]).group(1); svg=open(f,'rb').read()
n=re.search(rb'id="chart-(\d+)-email"',svg).group(1).decode()
ours=Image.open(f'Output/issues/{issue}/chart-{n}.png').convert('RGB'); ref=Image.fromarray(librsvg(svg).astype(np.uint8))
w,h=ours.size; both=Image.new('RGB',(w*2+10,h),'red'); both.paste(ref,(0,0)); both.paste(ours,(w+10,0)); both.save('/tmp/png-compare.png'); print(f)
