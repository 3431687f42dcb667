;;; emacs-cscomm.el --- send mail from Emacs through cscomm  -*- lexical-binding: t -*-

;; message-mode (Gnus, mu4e, notmuch) runs `sendmail-program' with "-oi", then its
;; own arguments; cscomm-sendmail (beside this file) passes all of them on to the
;; real sendmail after checking the message.
(setq send-mail-function #'sendmail-send-it
      message-send-mail-function #'message-send-mail-with-sendmail
      sendmail-program (expand-file-name "~/bin/cscomm-sendmail"))

;; With msmtp as the real sendmail, set `sendmail = "/usr/bin/msmtp"' in
;; ~/.config/cscomm/cscomm.toml and keep msmtp's usual Emacs settings:
;; (setq message-sendmail-f-is-evil t
;;       message-sendmail-extra-arguments '("--read-envelope-from"))

;; When cscomm holds a message, Emacs says "Sending...failed with exit value 65" and
;; shows the report. Emacs also calls any output of sendmail a failure: cscomm is
;; silent when a message goes out, except when it could not check it. Then the
;; message WAS sent, and Emacs shows "Sending...failed to cscomm: warning: could not
;; check the message (...); it was sent unchecked." Do not send it again.

(defun cscomm-send-anyway ()
  "Send the current message even though cscomm objects to it."
  (interactive)
  (let ((process-environment (cons "CSCOMM_FORCE=1" process-environment)))
    (message-send-and-exit)))
