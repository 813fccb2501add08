-- Argo CD health check for vigil.dev/AlertPolicy.
--
-- Healthy      Ready=True: every rule of the policy is installed.
-- Degraded     Ready=False: the spec is invalid (InvalidSpec) or some rules were rejected
--              (RulesRejected, with each rejected rule and why).
-- Progressing  no status yet, or a status that describes an older generation.

local hs = {}

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

local function orEmpty(value)
  if value == nil then
    return ""
  end
  return value
end

local ready = nil
if obj.status ~= nil then
  ready = condition(obj.status, "Ready")
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for Vigil to evaluate the policy"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for Vigil to evaluate generation " .. generation
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = orEmpty(ready.message)
  return hs
end

if ready.status == "False" then
  hs.status = "Degraded"
  if ready.reason == "InvalidSpec" then
    hs.message = "Invalid spec: " .. orEmpty(ready.message)
  elseif ready.reason == "RulesRejected" and obj.status.rejectedRules ~= nil
      and #obj.status.rejectedRules > 0 then
    local rejected = {}
    for _, r in ipairs(obj.status.rejectedRules) do
      table.insert(rejected, orEmpty(r.rule) .. " (" .. orEmpty(r.reason) .. ")")
    end
    hs.message = "Rules rejected: " .. table.concat(rejected, "; ")
  elseif ready.reason == "RulesRejected" then
    hs.message = "Rules rejected: " .. orEmpty(ready.message)
  else
    hs.message = orEmpty(ready.reason) .. ": " .. orEmpty(ready.message)
  end
  return hs
end

hs.status = "Progressing"
hs.message = orEmpty(ready.message)
return hs
