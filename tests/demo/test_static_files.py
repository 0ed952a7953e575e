import os
import time

from learningcity.demo.static_files import collect_if_changed


def test_collect_if_changed_skips_unchanged_and_redoes_changed(settings, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "app.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [source]
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "django.contrib.admin"]

    first = collect_if_changed()
    second = collect_if_changed()
    (source / "app.css").write_text("body { color: navy; }")
    later = time.time() + 60
    os.utime(source / "app.css", (later, later))
    third = collect_if_changed()

    assert (first, second, third) == (True, False, True)
    assert (settings.STATIC_ROOT / "app.css").read_text() == "body { color: navy; }"
