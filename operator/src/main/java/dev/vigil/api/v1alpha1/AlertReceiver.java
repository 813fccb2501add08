package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * An Alertmanager receiver, written as in a prometheus-operator {@code AlertmanagerConfig}
 * (monitoring.coreos.com/v1alpha1). Each config list is passed through as written.
 */
@JsonClassDescription(
        "An Alertmanager receiver as in a monitoring.coreos.com/v1alpha1 AlertmanagerConfig; each"
                + " config list is passed through as written.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertReceiver {

    @Required
    @JsonPropertyDescription("Name of the receiver, referenced by routes.")
    private String name;

    @PreserveUnknownFields
    @JsonPropertyDescription("Webhook configs (url or urlSecret, sendResolved, ...).")
    private List<JsonNode> webhookConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription("Slack configs (apiURL Secret reference, channel, ...).")
    private List<JsonNode> slackConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription("PagerDuty configs (routingKey Secret reference, ...).")
    private List<JsonNode> pagerdutyConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription("Email configs (to, from, smarthost, ...).")
    private List<JsonNode> emailConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription("Opsgenie configs (apiKey Secret reference, ...).")
    private List<JsonNode> opsgenieConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription("Microsoft Teams configs (webhookUrl Secret reference, ...).")
    private List<JsonNode> msteamsConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription(
            "Amazon SNS configs, e.g. SMS (phoneNumber, sigv4 with accessKey and secretKey Secret"
                    + " references, ...).")
    private List<JsonNode> snsConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription("Telegram configs (chatID, botToken Secret reference, ...).")
    private List<JsonNode> telegramConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription(
            "Webex configs (roomID, apiURL, httpConfig.authorization with a bot token Secret"
                    + " reference, ...).")
    private List<JsonNode> webexConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription(
            "Discord configs (apiURL Secret reference holding the webhook URL, ...).")
    private List<JsonNode> discordConfigs;

    @PreserveUnknownFields
    @JsonPropertyDescription(
            "Microsoft Teams configs for Workflows webhooks (webhookURL Secret reference, ...);"
                    + " Alertmanager 0.28 or later.")
    private List<JsonNode> msteamsv2Configs;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<JsonNode> getWebhookConfigs() {
        return webhookConfigs;
    }

    public void setWebhookConfigs(List<JsonNode> webhookConfigs) {
        this.webhookConfigs = webhookConfigs;
    }

    public List<JsonNode> getSlackConfigs() {
        return slackConfigs;
    }

    public void setSlackConfigs(List<JsonNode> slackConfigs) {
        this.slackConfigs = slackConfigs;
    }

    public List<JsonNode> getPagerdutyConfigs() {
        return pagerdutyConfigs;
    }

    public void setPagerdutyConfigs(List<JsonNode> pagerdutyConfigs) {
        this.pagerdutyConfigs = pagerdutyConfigs;
    }

    public List<JsonNode> getEmailConfigs() {
        return emailConfigs;
    }

    public void setEmailConfigs(List<JsonNode> emailConfigs) {
        this.emailConfigs = emailConfigs;
    }

    public List<JsonNode> getOpsgenieConfigs() {
        return opsgenieConfigs;
    }

    public void setOpsgenieConfigs(List<JsonNode> opsgenieConfigs) {
        this.opsgenieConfigs = opsgenieConfigs;
    }

    public List<JsonNode> getMsteamsConfigs() {
        return msteamsConfigs;
    }

    public void setMsteamsConfigs(List<JsonNode> msteamsConfigs) {
        this.msteamsConfigs = msteamsConfigs;
    }

    public List<JsonNode> getSnsConfigs() {
        return snsConfigs;
    }

    public void setSnsConfigs(List<JsonNode> snsConfigs) {
        this.snsConfigs = snsConfigs;
    }

    public List<JsonNode> getTelegramConfigs() {
        return telegramConfigs;
    }

    public void setTelegramConfigs(List<JsonNode> telegramConfigs) {
        this.telegramConfigs = telegramConfigs;
    }

    public List<JsonNode> getWebexConfigs() {
        return webexConfigs;
    }

    public void setWebexConfigs(List<JsonNode> webexConfigs) {
        this.webexConfigs = webexConfigs;
    }

    public List<JsonNode> getDiscordConfigs() {
        return discordConfigs;
    }

    public void setDiscordConfigs(List<JsonNode> discordConfigs) {
        this.discordConfigs = discordConfigs;
    }

    public List<JsonNode> getMsteamsv2Configs() {
        return msteamsv2Configs;
    }

    public void setMsteamsv2Configs(List<JsonNode> msteamsv2Configs) {
        this.msteamsv2Configs = msteamsv2Configs;
    }
}
