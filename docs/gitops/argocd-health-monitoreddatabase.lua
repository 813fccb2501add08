-- Argo CD health check for vigil.dev/MonitoredDatabase.
--
-- Healthy      Ready=True, and the status describes the current generation.
-- Progressing  no status yet; a status that describes an older generation; or a database that is
--              being created, updated, verified or rolled back.
-- Degraded     phase RolledBack, Failed, Blocked, Invalid or Degraded, or Degraded=True.
-- The message is the Ready condition's message; while a canary rollout runs, it starts with the
-- canary's step (status.rollout.canary.position).

local hs = {}

local degradedPhases = {
  RolledBack = true, Failed = true, Blocked = true, Invalid = true, Degraded = true
}
local progressingPhases = {
  Pending = true, Creating = true, Updating = true, Verifying = true, RollingBack = true
}

local function condition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function nonEmpty(value)
  return value ~= nil and value ~= ""
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for Vigil to report the status"
  return hs
end

local status = obj.status
local generation = obj.metadata.generation
local phase = status.phase
local ready = condition(status, "Ready")
local degraded = condition(status, "Degraded")

local message = ""
if ready ~= nil and nonEmpty(ready.message) then
  message = ready.message
elseif degraded ~= nil and degraded.status == "True" and nonEmpty(degraded.message) then
  message = degraded.message
elseif nonEmpty(phase) then
  message = "Phase " .. phase
end

-- A Degraded condition written for the current generation is news even when status.observedGeneration
-- is older: Vigil keeps the old observedGeneration when a pass fails (reason ReconcileFailed).
if degraded ~= nil and degraded.status == "True" and generation ~= nil
    and degraded.observedGeneration ~= nil and degraded.observedGeneration >= generation then
  hs.status = "Degraded"
  hs.message = message
  return hs
end

local observed = status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  if observed == nil then
    hs.message = "Waiting for Vigil to observe generation " .. generation
  else
    hs.message = "Waiting for Vigil to observe generation " .. generation
        .. " (status describes generation " .. observed .. ")"
  end
  return hs
end

if (phase ~= nil and degradedPhases[phase]) or (degraded ~= nil and degraded.status == "True") then
  hs.status = "Degraded"
  hs.message = message
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end

hs.status = "Progressing"
if not nonEmpty(message) then
  message = "Waiting for the database to become Ready"
end
if status.rollout ~= nil and status.rollout.canary ~= nil
    and nonEmpty(status.rollout.canary.position) then
  message = "Canary step " .. status.rollout.canary.position .. ": " .. message
end
hs.message = message
return hs
