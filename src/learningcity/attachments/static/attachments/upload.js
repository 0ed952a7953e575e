// Uploads evidence files with a progress bar, shrinking big photos in the browser first.
// Without this script the same forms post normally; the server checks everything either way.
(function () {
  "use strict";

  var QUALITY = 0.85;

  // The smallest size that still covers the frame, so that both "fit" and "crop" on the
  // server keep full resolution; never enlarges.
  function coverSize(width, height, maxWidth, maxHeight) {
    var scale = Math.max(maxWidth / width, maxHeight / height);
    if (scale >= 1) {
      return null;
    }
    return { width: Math.round(width * scale), height: Math.round(height * scale) };
  }

  function shrink(file, maxWidth, maxHeight) {
    if (!window.createImageBitmap || !/^image\/(jpeg|png)$/.test(file.type)) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var size = coverSize(bitmap.width, bitmap.height, maxWidth, maxHeight);
      if (!size) {
        bitmap.close();
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = size.width;
      canvas.height = size.height;
      var context = canvas.getContext("2d");
      context.imageSmoothingQuality = "high";
      context.drawImage(bitmap, 0, 0, size.width, size.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) {
            resolve(file);
            return;
          }
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg" }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () {
      return file; // the server will say what is wrong with it
    });
  }

  // Opens the page the server answered with. The list page sends back to itself with the
  // slot as fragment: assign() alone would only scroll, leaving the old page (and the file
  // not shown as stored), so the page is reloaded at that fragment instead.
  function go(url) {
    var target = new URL(url, window.location.href);
    var here = window.location;
    if (target.origin === here.origin && target.pathname === here.pathname &&
        target.search === here.search) {
      window.history.replaceState(null, "", target.href);
      window.location.reload();
      return;
    }
    window.location.assign(target.href);
  }

  function showError(form, message) {
    var box = form.querySelector(".slot__error");
    box.textContent = message;
    box.hidden = false;
  }

  function send(form, file) {
    var data = new FormData(form);
    if (file) {
      data.set("file", file, file.name);
    }
    var progress = form.querySelector(".slot__progress");
    var button = form.querySelector("button[type=submit]");
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.responseType = "json";
    progress.value = 0;
    progress.hidden = false;
    button.disabled = true;
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      var body = request.response || {};
      if (request.status < 400 && body.redirect) {
        go(body.redirect);
        return;
      }
      if (request.status === 429) {
        // The deadline rush: nginx answers "busy" at once; the file is sent again by itself.
        var seconds = parseInt(request.getResponseHeader("Retry-After"), 10) || 10;
        showError(form, (form.dataset.busy || "").split("{seconds}").join(seconds));
        window.setTimeout(function () { send(form, file); }, seconds * 1000);
        return;
      }
      progress.hidden = true;
      button.disabled = false;
      showError(form, body.error || form.dataset.failed || String(request.status));
    });
    request.addEventListener("error", function () {
      progress.hidden = true;
      button.disabled = false;
      showError(form, form.dataset.offline || "");
    });
    request.send(data);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-upload]") || !window.FormData) {
      return;
    }
    event.preventDefault();
    form.querySelector(".slot__error").hidden = true;
    var input = form.querySelector("input[type=file]");
    var file = input.files && input.files[0];
    var maxWidth = Number(input.dataset.maxWidth);
    var maxHeight = Number(input.dataset.maxHeight);
    if (!file || !maxWidth || !maxHeight) {
      send(form, null);
      return;
    }
    shrink(file, maxWidth, maxHeight).then(function (chosen) {
      send(form, chosen === file ? null : chosen);
    });
  });
})();
