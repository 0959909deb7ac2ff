# Request data and a plain library function's parameter reach the shell: high.
import os

from django.http import HttpResponse


def export_ward(request):
    ward = request.GET.get("ward")
    # expect: PY015
    os.system(f"ward-export {ward}")
    return HttpResponse("ok")
