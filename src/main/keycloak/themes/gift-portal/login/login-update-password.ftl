<#--
  Choosing a password. Someone who has just confirmed the address of a new account never had one: "Choose a password",
  nothing about other devices (they have none), and a button that says what happens. Someone who forgot theirs comes
  here through the reset flow: "Choose a new password", with the choice to sign out wherever the old one is in use.
-->
<#import "template.ftl" as layout>
<#-- Keycloak tells the two apart only by the notice it gives: a reset comes with "resetPasswordMessage". -->
<#assign resetting = (message?has_content && message.summary == msg("resetPasswordMessage")) || url.loginAction?contains("reset-credentials")>
<#-- The general notice is a new account's ("your email address is confirmed"); a reset's says nothing the title doesn't. -->
<@layout.registrationLayout displayMessage=!resetting && !messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        <#if resetting>${msg("chooseNewPasswordTitle")}<#else>${msg("choosePasswordTitle")}</#if>
    <#elseif section = "form">
        <form id="kc-passwd-update-form" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post">
            <div>
                <label for="password-new">${msg("passwordNew")}</label>
                <p id="password-new-hint" class="hint">${msg("choosePasswordHint")}</p>
                <div dir="ltr">
                    <input type="password" id="password-new" name="password-new" autocomplete="new-password"
                           aria-describedby="password-new-hint<#if messagesPerField.existsError('password')> input-error-password</#if>"
                           <#if messagesPerField.existsError('password','password-confirm')>aria-invalid="true"</#if>>
                    <button type="button" aria-label="${msg('showPassword')}" aria-controls="password-new" data-password-toggle
                            data-label-show="${msg('showPassword')}" data-label-hide="${msg('hidePassword')}"></button>
                </div>
                <#if messagesPerField.existsError('password')>
                <span id="input-error-password" aria-live="polite">${kcSanitize(messagesPerField.get('password'))?no_esc}</span>
                </#if>
            </div>
            <div>
                <label for="password-confirm">${msg("passwordConfirm")}</label>
                <div dir="ltr">
                    <input type="password" id="password-confirm" name="password-confirm" autocomplete="new-password"
                           <#if messagesPerField.existsError('password-confirm')>aria-invalid="true" aria-describedby="input-error-password-confirm"</#if>>
                    <button type="button" aria-label="${msg('showPassword')}" aria-controls="password-confirm" data-password-toggle
                            data-label-show="${msg('showPassword')}" data-label-hide="${msg('hidePassword')}"></button>
                </div>
                <#if messagesPerField.existsError('password-confirm')>
                <span id="input-error-password-confirm" aria-live="polite">${kcSanitize(messagesPerField.get('password-confirm'))?no_esc}</span>
                </#if>
            </div>
            <#if resetting>
            <div class="checkbox">
                <label><input type="checkbox" id="logout-sessions" name="logout-sessions" value="on"> ${msg("logoutOtherSessions")}</label>
            </div>
            </#if>
            <div id="kc-form-buttons">
                <input name="login" type="submit" value="${msg(resetting?then('doSaveNewPassword', 'doSavePassword'))}">
                <#if isAppInitiatedAction??>
                <button type="submit" name="cancel-aia" value="true" class="button-secondary">${msg("doCancel")}</button>
                </#if>
            </div>
        </form>
        <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
    </#if>
</@layout.registrationLayout>
