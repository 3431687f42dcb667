;;; cscomm-eglot.el --- cscomm's language server in Emacs, through eglot  -*- lexical-binding: t; -*-

;; Load this from your init file: (load "/path/to/cscomm-eglot.el")
;; Eglot is built into Emacs 29; on Emacs 28, install it from GNU ELPA first.
;; It needs `cscomm' on `exec-path' (pip install cscomm).
;;
;; Diagnostics show through Flymake; `eglot-code-actions' (or C-c C-a below) offers the
;; fixes and "ignore this rule here"; `eldoc' shows a rule's documentation at point.
;; Eglot manages buffers that visit a file: a mutt or aerc compose file opened in
;; Emacs, an .eml, a template, a draft.

(require 'eglot)

(add-to-list 'eglot-server-programs
             '(((text-mode :language-id "plaintext")
                (markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown")
                (mhtml-mode :language-id "html")
                (html-mode :language-id "html")
                (message-mode :language-id "mail")
                (mail-mode :language-id "mail"))
               . ("cscomm" "lsp")))

;; mutt and aerc write their compose files to names Emacs does not know as mail.
(add-to-list 'auto-mode-alist '("/\\(neo\\)?mutt-[^/]*\\'" . message-mode))
(add-to-list 'auto-mode-alist '("/aerc-compose-[^/]*\\'" . message-mode))
(add-to-list 'auto-mode-alist '("\\.eml\\'" . message-mode))

(defun cscomm-eglot-ensure ()
  "Start eglot in drafts, templates and mail, not in every mode derived from `text-mode'
\(Org files, commit messages)."
  (when (memq major-mode '(text-mode markdown-mode gfm-mode mhtml-mode html-mode
                           message-mode mail-mode))
    (eglot-ensure)))
(add-hook 'after-change-major-mode-hook #'cscomm-eglot-ensure)

(define-key eglot-mode-map (kbd "C-c C-a") #'eglot-code-actions)

(provide 'cscomm-eglot)
;;; cscomm-eglot.el ends here
