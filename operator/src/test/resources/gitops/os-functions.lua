-- Argo CD's os library has time and date, and nothing that touches the process or the disk.
return {status = "Healthy", message = type(os.time()) .. " " .. type(os.date) .. " " .. type(os.exit)
  .. " " .. type(os.getenv)}
