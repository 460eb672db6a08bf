#!/usr/bin/python3
"""tests/import/make_fixtures.py - the spreadsheets and Word files `planpress
import` is tested on, made with the tools councils' files come from
(python3-openpyxl writes .xlsx as Excel does, python3-docx .docx as Word does),
shaped like the seed documents' tables: a coloured RAG column whose empty
cells carry the rating only as their fill, heading cells merged across a row of
sub-headings, cells merged down, several Word tables each under its
recommendation, a repeated heading row; and the bad inputs: files that are not
what their names say, encrypted, damaged, a zip bomb, a table with no heading
row, 100,000 rows.

Usage: make_fixtures.py DIR"""
import io
import os
import struct
import sys
import zipfile

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import PatternFill

RED, AMBER, GREEN, BLUE = 'FF0000', 'FFC000', '00B050', '0070C0'


def shade(cell, fill):
    """A Word cell's background, as Word writes it (w:shd w:fill)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement('w:shd')
    shd.set(qn('w:val'), 'clear')
    shd.set(qn('w:color'), 'auto')
    shd.set(qn('w:fill'), fill)
    tc_pr.append(shd)


def bullets(cell, items):
    cell.text = ''
    first = True
    for item in items:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        p.text = item
        p.style = 'List Bullet'
        first = False


def shropshire_docx(path):
    """Shropshire's Care Leavers Action Plan: a recommendation's two paragraphs
    before each table; headings Ref ... Lead and Timescale ..., the RAG over
    two sub-headings (merged across), Ref and the rest merged down over both
    heading rows; ratings as words, or only as the cell's colour."""
    d = docx.Document()
    d.core_properties.title = 'Care Leavers Action Plan'
    d.add_paragraph('SHROPSHIRE CHILDREN\'S SERVICES CARE LEAVERS ACTION PLAN', style='Title')
    d.add_paragraph('Introduction', style='Heading 1')
    d.add_paragraph('This action plan encompasses the recommendations and findings from Ofsted.')
    recommendations = [
        ('RECOMMENDATION 1:', 'Ensure that all pathway plans, have clear overall objectives '
         'and timely specific actions.', [
             ('1.1', 'All looked after young people to have a Pathway Plan in Place by their '
              '16th Birthday.', 'All young people to have a Pathway Plan.', 'Audit',
              'Steve Ladd\nElaine Storey 01/05/2018', 'Work is currently being undertaken.',
              ('Green', None), ('', None)),
             ('1.2', 'Develop practice guidance on how to write a SMART plan.',
              'Social workers will have an easily accessible guide.', 'Audit',
              'Siobhan Hughes/Pippa Murphy 01/04/2018', 'Guidance has been sent.\n\nACTION COMPLETE',
              ('', GREEN), ('', AMBER)),
             ('1.3', 'Revise pathway plan templates.', 'Plans written with young people.',
              'Review', 'Siobhan Hughes October 2018', 'New template introduced.',
              ('', RED), ('', None)),
         ]),
        ('RECOMMENDATION 2:', 'Ensure that care leavers have the opportunity to access '
         'apprenticeships.', [
             ('2.1', 'Establish a corporate commitment to apprenticeships.',
              'Suitable opportunities for Care Leavers.', 'Review', 'Clive Wright 01/02/2018',
              'Corporate commitment given.', ('GREEN', None), ('', BLUE)),
             ('2.2', 'Establish a cross Directorate apprenticeship group.',
              'Increased numbers of apprenticeships.', 'Review', 'Karen Bradshaw 01/02/2018',
              'The group was established.', ('Amber', None), ('', None)),
         ]),
    ]
    for heading, title, rows in recommendations:
        d.add_paragraph(heading)
        d.add_paragraph(title)
        t = d.add_table(rows=2 + len(rows), cols=8)
        t.style = 'Table Grid'
        top, sub = t.rows[0].cells, t.rows[1].cells
        for i, h in enumerate(['Ref', 'Actions', 'Expected Impact/Outcome', 'Impact Measure',
                               'Lead and Timescale', 'Progress to date']):
            top[i].text = h
            top[i].merge(sub[i])          # merged down over the sub-heading row
        top[6].text = 'RAG'
        top[6].merge(top[7])              # merged across its two sub-headings
        sub[6].text = 'Progress'
        sub[7].text = 'Impact'
        for r, row in enumerate(rows):
            cells = t.rows[2 + r].cells
            for i in range(6):
                text = row[i]
                if i == 5 and '\n\n' in text:
                    first, second = text.split('\n\n')
                    cells[i].text = first
                    cells[i].add_paragraph(second)
                elif i == 4 and '\n' in text:
                    name, rest = text.split('\n')
                    cells[i].text = name
                    cells[i].add_paragraph(rest)
                else:
                    cells[i].text = text
            for i, (word, fill) in ((6, row[6]), (7, row[7])):
                cells[i].text = word
                if fill:
                    shade(cells[i], fill)
        d.add_paragraph('')
    d.add_paragraph('Closing the Loop on Improvement Actions', style='Heading 1')
    d.save(path)


def worcestershire_docx(path):
    """Worcestershire's Strategic Plan: one table, "Priority" first; a row of
    one text is a theme ("1. Corporate Parenting Responsibilities"), rows of
    sub-priorities are actions ("1.1. Developing ..."), and the heading row is
    repeated with the next theme in its first cell; bullets in cells."""
    d = docx.Document()
    d.add_paragraph('CARE LEAVERS STRATEGIC PLAN', style='Title')
    d.add_paragraph('2017 - 2019')
    heads = ['Priority', 'What needs to be done?', 'What does success look like?',
             'When does this need to be done by?', 'Who is the lead for this?']
    t = d.add_table(rows=1, cols=5)
    for i, h in enumerate(heads):
        t.rows[0].cells[i].text = h

    def row(values):
        cells = t.add_row().cells
        for i, v in enumerate(values):
            if isinstance(v, list):
                bullets(cells[i], v)
            else:
                cells[i].text = v
        return cells

    theme = row(['1. Corporate Parenting Responsibilities', '', '', '', ''])
    theme[0].merge(theme[4])
    row(['1.1. Developing the Care Leavers Contract',
         ['Re-launch the Local Offer as the Care Leavers Contract',
          'Include details of services'], 'Care leavers know what is available',
         'April 2017', 'Stuart Watkins / Jake Shaw'])
    row(['1.2. Strengthening the Corporate Parenting Board\'s oversight',
         'Develop a Corporate Parenting Pledge', 'Pledge signed', 'June 2017',
         'Corporate Parenting Board'])
    row(['2. Developing the Care Leavers Service'] + heads[1:])
    row(['2.1. Allocate a Personal Advisor to all eligible care leavers',
         'Introduce a Practice Lead role', 'Practice Lead appointed', 'Six monthly',
         'Sam Thornton'])
    d.save(path)


def tracker_xlsx(path):
    """A council's Excel tracker, shaped like Herefordshire's table: a title
    row merged across the top, the heading row with "RAG" merged over
    "Progress" and "Impact", a "Priority" column merged down its rows, real
    dates, an unmatched "Notes" column, RAG cells coloured and empty (solid
    fills, one by the theme's colour), a hidden sheet and an empty one."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Action Plan'
    ws['A1'] = 'Corporate Parenting Strategy 2018/19'
    ws.merge_cells('A1:I1')
    heads = ['Priority', 'Ref', 'What will we do?', 'How will we do it?', 'Who will do it?',
             'Timescale', 'RAG', None, 'Notes']
    for i, h in enumerate(heads):
        if h:
            ws.cell(row=2, column=i + 1, value=h)
    ws.merge_cells('G2:H2')
    ws['G3'] = 'Progress'
    ws['H3'] = 'Impact'
    for col in 'ABCDEFI':
        ws.merge_cells('%s2:%s3' % (col, col))
    import datetime
    rows = [
        ('1', '1.1', 'Increase awareness of corporate parenting amongst elected members.',
         'Include Corporate parenting workshops within mandatory induction',
         'Governance services', datetime.date(2019, 5, 31), ('', RED), ('Green', None),
         'Checked by audit'),
        (None, '1.2', 'Increase awareness amongst senior officers.',
         'Offer Corporate parenting workshops', 'Management board', 'Summer 2019',
         ('', AMBER), ('', None), None),
        (None, '1.3', 'Councillors will have looked after children at the forefront.',
         'Ask the question "how does this support looked after children?"',
         'Elected members\nCabinet', datetime.date(2019, 3, 31), ('', 'theme'), ('', None),
         None),
        ('2', '2.1', 'The rate of looked after children will gradually reduce',
         'Ensure families receive multi-agency support', "Children's Social Care",
         datetime.date(2020, 3, 31), ('G', None), ('', BLUE), 'See KPI 2'),
    ]
    for r, row in enumerate(rows):
        n = 4 + r
        for c, v in enumerate(row):
            cell = ws.cell(row=n, column=c + 1)
            if isinstance(v, tuple):
                word, fill = v
                if word:
                    cell.value = word
                if fill == 'theme':
                    from openpyxl.styles.colors import Color
                    cell.fill = PatternFill(patternType='solid',
                                            fgColor=Color(theme=9, tint=0.0))  # accent6: green
                elif fill:
                    cell.fill = PatternFill(patternType='solid', fgColor='FF' + fill)
            elif v is not None:
                cell.value = v
                if isinstance(v, datetime.date):
                    cell.number_format = 'dd/mm/yyyy'
    ws.merge_cells('A4:A6')
    hidden = wb.create_sheet('Lookups')
    hidden['A1'] = 'Red'
    hidden.sheet_state = 'hidden'
    wb.create_sheet('Sheet2')
    wb.save(path)


def tracker_csv(path):
    """Excel's plain "CSV": Windows-1252, semicolons (a European locale's
    list separator), a formula kept from running by a leading quote."""
    text = ('Ref;Action;Lead Officer;Target Date;RAG Status;Comments\r\n'
            '1.1;Recruit two personal advisers;Tracie Watson;31/03/2019;Amber;'
            '"On track \x96 interviews in March"\r\n'
            '1.2;"Review the \x93local offer\x94";Elaine Storey;June 2019;G;\'=not a formula\r\n')
    with open(path, 'wb') as f:
        f.write(text.encode('latin-1'))


def no_heading_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Sheet1'
    for r in range(1, 6):
        ws.append(['x%d' % r, 'some words', 'more words'])
    wb.save(path)


def no_heading_docx(path):
    d = docx.Document()
    d.add_paragraph('A table of words that name no column')
    t = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.rows[r].cells[c].text = 'cell %d %d' % (r, c)
    d.save(path)


def many_rows_xlsx(path, n):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet('Sheet1')
    ws.append(['Ref', 'Action', 'Lead', 'Timescale', 'RAG'])
    for i in range(n):
        ws.append(['%d' % (i + 1), 'Action number %d' % (i + 1), 'Officer', 'March 2019', 'Green'])
    wb.save(path)


def zip_bomb_xlsx(good, path):
    """The tracker with its sheet swapped for one that unpacks to 200 MiB of
    blank cells (a few hundred kB packed)."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == 'xl/worksheets/sheet1.xml':
                with dst.open(item.filename, 'w', force_zip64=True) as f:
                    f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.'
                            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                    chunk = b' ' * (1 << 20)
                    for _ in range(200):
                        f.write(chunk)
                    f.write(b'</sheetData></worksheet>')
            else:
                dst.writestr(item, src.read(item.filename))


def encrypted_office(path):
    """What Excel writes for a workbook with a password: an OLE compound file
    holding EncryptionInfo and EncryptedPackage streams (the header and the
    directory entries; enough for any reader to know what it is)."""
    header = b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + b'\0' * 16 + struct.pack('<HHH', 0x3E, 3, 0xFFFE)
    header += b'\0' * (512 - len(header))
    names = b''
    for name in ('Root Entry', 'EncryptionInfo', 'EncryptedPackage'):
        entry = name.encode('utf-16-le').ljust(64, b'\0')
        entry += struct.pack('<H', (len(name) + 1) * 2) + b'\x01' * 2
        names += entry.ljust(128, b'\0')
    with open(path, 'wb') as f:
        f.write(header + names.ljust(512, b'\0') + os.urandom(1024))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    shropshire_docx(p('shropshire.docx'))
    worcestershire_docx(p('worcestershire.docx'))
    tracker_xlsx(p('tracker.xlsx'))
    tracker_csv(p('tracker.csv'))
    no_heading_xlsx(p('no-heading.xlsx'))
    no_heading_docx(p('no-heading.docx'))
    many_rows_xlsx(p('rows-100000.xlsx'), 100000)
    zip_bomb_xlsx(p('tracker.xlsx'), p('zip-bomb.xlsx'))
    encrypted_office(p('encrypted.xlsx'))
    # not what their names say
    with open(p('tracker.csv'), 'rb') as f, open(p('csv-named.xlsx'), 'wb') as g:
        g.write(f.read())
    with open(p('shropshire.docx'), 'rb') as f, open(p('word-named.xlsx'), 'wb') as g:
        g.write(f.read())
    with open(p('tracker.xlsx'), 'rb') as f, open(p('workbook-named.csv'), 'wb') as g:
        g.write(f.read())
    # damaged: cut short, and a part's bytes changed (its CRC no longer holds)
    data = open(p('tracker.xlsx'), 'rb').read()
    with open(p('cut-short.xlsx'), 'wb') as g:
        g.write(data[:len(data) // 2])
    with zipfile.ZipFile(p('tracker.xlsx')) as z:
        info = z.getinfo('xl/worksheets/sheet1.xml')
    damaged = bytearray(data)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 8
    for i in range(start, start + 16):
        damaged[i] ^= 0x55
    with open(p('damaged.xlsx'), 'wb') as g:
        g.write(bytes(damaged))
    with open(p('unclosed-quote.csv'), 'w') as f:
        f.write('Ref,Action,Lead\n1.1,"Recruit advisers,Elaine Storey\n1.2,Review,Tracie Watson\n')


if __name__ == '__main__':
    main()
