/// The site's stylesheet: system fonts, large tap targets, WCAG AA contrast, readable at 375 px.
enum Stylesheet {
    static let css = """
        :root { --ink: #1f2328; --muted: #374151; --accent: #0842a0; --alert: #9a1c14; --paper: #ffffff; --wash: #f3f6fb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
        a { color: var(--accent); }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
        header.site { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; padding: 10px 16px; background: var(--wash); border-bottom: 1px solid #d0d7de; }
        .brand { font-weight: 700; font-size: 20px; text-decoration: none; color: var(--ink); }
        .crisis { flex: 1 1 16rem; min-width: 0; font-size: 15px; overflow-wrap: anywhere; } .crisis a { font-weight: 600; }
        .scale-row { display: flex; flex-wrap: wrap; gap: 6px; }
        .pill { display: inline-flex; align-items: center; justify-content: center; gap: 4px; min-width: 52px; min-height: 44px; padding: 4px 6px; border: 1px solid #6b7280; border-radius: 8px; margin: 0; }
        .pill input { width: 18px; height: 18px; margin: 0; }
        .scale-ends { display: flex; justify-content: space-between; color: var(--muted); font-size: 14px; margin: 4px 0 0; }
        input[type=email], input[type=password], textarea { font: inherit; width: 100%; max-width: 28rem; min-height: 44px; padding: 8px; border: 1px solid #6b7280; border-radius: 6px; }
        details { margin: 0 0 16px; } summary { min-height: 44px; cursor: pointer; font-weight: 600; }
        table { display: block; overflow-x: auto; border-collapse: collapse; max-width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #d0d7de; }
        .alert { border: 2px solid var(--alert); border-radius: 8px; padding: 10px 14px; margin: 0 0 16px; background: #fff8f7; }
        .alert h2 { margin-top: 0; color: var(--alert); }
        .signout { margin-top: 32px; } .signout button { background: #4b5563; }
        :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
        .crisis-urgent { width: 100%; padding: 12px; border: 2px solid var(--alert); border-radius: 8px; background: #fff4f4; font-size: 17px; }
        main { max-width: 760px; margin: 0 auto; padding: 16px; }
        footer { max-width: 760px; margin: 24px auto; padding: 0 16px; color: var(--muted); font-size: 14px; }
        h1 { font-size: 26px; line-height: 1.25; } h2 { font-size: 20px; margin-top: 28px; }
        fieldset { border: 1px solid #d0d7de; border-radius: 8px; margin: 0 0 16px; padding: 12px 14px; }
        legend { font-weight: 600; padding: 0 4px; }
        label { display: block; margin: 6px 0; }
        .choice { display: flex; gap: 10px; align-items: center; min-height: 44px; }
        .choice input { width: 22px; height: 22px; }
        input[type=number] { font: inherit; width: 7em; min-height: 44px; padding: 6px 8px; border: 1px solid #6b7280; border-radius: 6px; }
        button, .button { font: inherit; font-weight: 600; min-height: 48px; padding: 10px 20px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        .error { color: var(--alert); font-weight: 600; }
        .summary { border-left: 4px solid var(--accent); background: var(--wash); padding: 10px 14px; border-radius: 4px; }
        .result li { margin: 6px 0; }
        svg.chart { width: 100%; height: auto; }
        ul.flag-list { margin: 0; padding-left: 1.1em; } ul.flag-list li { margin: 2px 0; }
        figure { margin: 16px 0; } figcaption { color: var(--muted); font-size: 14px; }
        table.calendar td, table.calendar th { text-align: center; width: 2.6em; padding: 4px; }
        td.used { background: #fde7e4; font-weight: 700; } td.negative-screen { background: #e6f4ea; } td.possible-use { background: #fef7e0; font-weight: 700; }
        table.calendar td .day { display: block; font-size: 11px; color: var(--muted); }
        .calendars { display: flex; flex-wrap: wrap; gap: 8px 20px; } .calendars .key { flex-basis: 100%; margin: 0; }
        table.calendar caption { font-weight: 600; text-align: left; }
        .alert.emergency { border-width: 4px; background: #fdecea; }
        .alert .meta, .meta { color: var(--muted); font-size: 14px; }
        input[type=date] { font: inherit; min-height: 44px; padding: 6px 8px; border: 1px solid #6b7280; border-radius: 6px; }
        .tabs { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0; }
        .tabs a { padding: 8px 14px; border: 1px solid #6b7280; border-radius: 8px; text-decoration: none; min-height: 44px; display: inline-flex; align-items: center; }
        .tabs a[aria-current] { background: var(--accent); color: #fff; border-color: var(--accent); }
        .table-scroll { overflow-x: auto; max-width: 100%; }
        table.facts th { font-weight: 600; } caption { text-align: left; color: var(--muted); padding: 4px 0; }
        .proposal { border-left: 4px solid #b06000; background: #fef7e0; padding: 10px 14px; border-radius: 4px; }
        .links a { display: inline-block; min-height: 44px; padding: 10px 0; }
        .enter li { margin: 6px 0; }
        ul.consents, ul.counseling-notes { margin: 0 0 16px; padding: 0; } ul.consents > li, ul.counseling-notes > li { list-style: none; border-top: 1px solid #d0d7de; padding: 8px 0; }
        ul.consents h3, ul.counseling-notes h3 { margin: 4px 0; font-size: 18px; }
        .safety-plan section { border-left: 4px solid #188038; padding: 2px 12px; margin: 8px 0; }
        .safety-plan h3 { font-size: 16px; margin: 6px 0; }
        .cycle-part .yours { background: var(--wash); padding: 8px 12px; border-radius: 4px; }
        fieldset.item .choice { min-height: 40px; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        body.wide main, body.wide footer { max-width: 1180px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 0 24px; }
        .tracks { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 0 24px; }
        input[type=text], select { font: inherit; width: 100%; max-width: 28rem; min-height: 44px; padding: 8px; border: 1px solid #6b7280; border-radius: 6px; background: #fff; color: var(--ink); }
        button.danger { background: var(--alert); }
        .recommendation { border-left: 4px solid var(--accent); background: var(--wash); padding: 8px 14px; border-radius: 4px; margin: 12px 0; }
        .recommendation.step-up { border-left-color: #b06000; background: #fef7e0; }
        .recommendation h3 { margin: 6px 0; font-size: 17px; }
        .decision-forms form { margin: 10px 0; }
        table.history td { vertical-align: top; }
        .alert-others { border-left: 4px solid var(--alert); padding: 8px 12px; background: #fff8f7; }
        .cm-card, .facts-callout { border-left: 4px solid var(--accent); background: var(--wash); padding: 8px 14px; border-radius: 4px; margin: 12px 0; }
        .cm-summary dt { font-weight: 600; }
        .cm-summary dd { margin: 0 0 6px 0; }
        ul.records { margin: 0 0 16px; padding: 0; } ul.records > li { list-style: none; }
        .card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; margin: 10px 0; background: #fff; }
        .card h2, .card h3 { margin: 4px 0 6px; font-size: 18px; }
        .card form { margin: 6px 0 0; }
        .choices { display: flex; flex-wrap: wrap; gap: 0 18px; } .choices p { flex-basis: 100%; margin: 8px 0 0; }
        .field { margin: 0 0 12px; } .hint { color: var(--muted); font-size: 14px; margin: 2px 0 4px; }
        .emotion-row { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-end; }
        .grid-scroll { overflow-x: auto; max-width: 100%; margin: 12px 0; }
        .grid-scroll table { display: table; width: max-content; }
        table.diary-grid th, table.diary-grid td { padding: 4px 8px; white-space: nowrap; }
        table.diary-grid th[scope=row] { position: sticky; left: 0; background: #fff; white-space: normal; max-width: 9em; font-size: 14px; }
        table.diary-grid td { text-align: center; }
        .badge { color: #0f5132; font-weight: 600; }
        .done { color: #0f5132; font-weight: 600; }
        button.secondary { background: #4b5563; min-height: 44px; padding: 8px 16px; }
        .language { font-weight: 600; min-height: 44px; display: inline-flex; align-items: center; }
        ul.starters li { margin: 8px 0; }
        fieldset.attendee { margin: 0 0 12px; }
        input[type=tel], input[type=time] { font: inherit; width: 100%; max-width: 28rem; min-height: 44px; padding: 8px; border: 1px solid #6b7280; border-radius: 6px; }
        @media print {
          body { background: #fff; color: #000; font-size: 12pt; }
          main { max-width: none; padding: 0; }
          nav, form, button, .no-print, .signout, .skip { display: none !important; }
          a { color: #000; text-decoration: none; }
          .crisis { position: static; background: #fff; color: #000; border: 2px solid #000; }
          .crisis a { color: #000; }
          .plan-section { break-inside: avoid; }
        }
        """
}
