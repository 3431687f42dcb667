cd "$(dirname "$0")/.."
{
echo "# Examples"
echo
echo "Realistic drafts and what \`cscomm check\` says about them. The output below is real: it is"
echo "regenerated from the \`.expected\` files, which \`tests/test_examples.py\` keeps in step with the tool."
echo
echo "| file | what it shows |"
echo "|---|---|"
echo "| \`refund-reply.bad.txt\` | an email that breaks many courtesy, clarity and tone rules |"
echo "| \`refund-reply.good.txt\` | the same reply written well: no findings |"
echo "| \`delivery-delay.good.txt\` | a clean email with a dated next step |"
echo "| \`quoted-reply.good.txt\` | a reply with the customer's message quoted (\"On … wrote:\"): both questions answered |"
echo "| \`reply-to-incoming.txt\` + \`customer/double-charge.txt\` | the customer's message given with \`--incoming\`; one question is left unanswered |"
echo "| \`account-closure-letter.good.txt\` | a formal letter with letterhead and address block |"
echo "| \`casual-letter.bad.txt\` | a letter that opens with \"Hi\" and closes with \"Cheers\" |"
echo "| \`memo-policy-change.good.txt\` | an internal memo (To/From/Date/Subject header) |"
echo "| \`memo-no-subject.bad.txt\` | a memo with no subject, a customer salutation, shouting and an undefined acronym |"
echo "| \`templates/\` | a helpdesk macro in Markdown and in HTML, with a comment directive and the \`per-file-ignores\` that lets its \`{{placeholders}}\` be (see \"Using cscomm in a team\" in the README) |"
echo "| \`integrations/\` | mutt/neomutt/aerc, git send-email, Thunderbird and helpdesk recipes |"
echo
for f in examples/*.txt; do
  name=$(basename "$f")
  args=""
  [ "$name" = "reply-to-incoming.txt" ] && args="--incoming examples/customer/double-charge.txt "
  echo "## $name"
  echo
  echo '```'
  echo "\$ cscomm check $args$f"
  tail -n +2 "${f%.txt}.expected"
  echo '```'
  echo
done
echo "## Questions"
echo
echo '```'
echo "\$ cscomm questions --incoming examples/customer/double-charge.txt examples/reply-to-incoming.txt"
.venv/bin/cscomm questions --incoming examples/customer/double-charge.txt examples/reply-to-incoming.txt
echo '```'
} > examples/README.md
